"""`polepos completion bash|zsh|fish`: print a shell completion script."""

import enum

import typer

from pole_position.cli import output
from pole_position.cli.commands import COMPLETE_VAR

EPILOG = """\b
Examples:
  polepos completion bash >> ~/.bashrc
  polepos completion zsh > "${fpath[1]}/_polepos"
  polepos completion fish > ~/.config/fish/completions/polepos.fish"""


class Shell(enum.StrEnum):
    """Shells whose completion scripts Typer provides."""

    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    shell: Shell = typer.Argument(..., help="bash, zsh or fish.", case_sensitive=False),
) -> None:
    """Print the completion script for a shell (commands, options, names)."""
    output.info(completion_script(shell))


def completion_script(shell: Shell) -> str:
    """The script `polepos completion SHELL` prints (without a final newline)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(
        prog_name="polepos", complete_var=COMPLETE_VAR, shell=shell.value
    ).rstrip("\n")


def prepare_completion_request() -> None:
    """Register Typer's shell classes when the shell asks for completions."""
    from typer._completion_classes import completion_init

    completion_init()


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("completion", epilog=EPILOG)(completion)
