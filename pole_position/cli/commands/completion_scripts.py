"""The scripts `polepos completion SHELL` prints, as Typer 0.28 renders them.

The entry point prints these without importing Typer (most of a bare
`completion` run). They are Typer's own scripts for the prog name `polepos` and
`_POLEPOS_COMPLETE`; the Typer command still renders them live, and
tests/cli/test_basics.py proves the two agree, so a Typer upgrade that changes
a script fails there (paste its new text here).
"""

_BASH = r"""_polepos_completion() {
    local IFS=$'
'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \
                   COMP_CWORD=$COMP_CWORD \
                   _POLEPOS_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _polepos_completion polepos"""

_ZSH = (
    "#compdef polepos\n\n_polepos_completion() {\n"
    '  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}"'
    " _POLEPOS_COMPLETE=complete_zsh polepos)\n"
    "}\n\ncompdef _polepos_completion polepos"
)

_FISH_CALL = (
    "env _POLEPOS_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION={action} "
    "_TYPER_COMPLETE_ARGS=(commandline -cp) polepos"
)
_FISH = (
    "complete --command polepos --no-files"
    f' --arguments "({_FISH_CALL.format(action="get-args")})"'
    f' --condition "{_FISH_CALL.format(action="is-args")}"'
)

# By shell name; each without a final newline (the command prints one).
SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}
