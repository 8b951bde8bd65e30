"""`docs/commands.md`, rendered from the Typer application itself.

The page is never written by hand: every group, command, argument and option is
read from `typer.main.get_command(app)`, with its help text, its default and the
examples of its epilog, so a command added to the application appears in the
reference as soon as the page is regenerated:

    python -m pole_position.cli.reference > docs/commands.md

`tests/docs/test_reference.py` fails when the page and the application disagree.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from typer import Context
from typer.core import TyperArgument, TyperGroup, TyperOption

if TYPE_CHECKING:
    # typer 0.28 vendors click: its command and parameter types live here.
    from typer._click import Command, Parameter

REGENERATE = "python -m pole_position.cli.reference > docs/commands.md"

_INTRO = """\
Every command, argument and option of `polepos`, with its help text, its default and
its examples. Every command also accepts `-h` / `--help`, and `polepos help COMMAND...`
prints the same help (`polepos help db upgrade`).

Exit codes: 0 success; 1 the command was refused or found problems; 2 a usage error
or invalid input. Results go to stdout, errors and warnings to stderr. Every mutating
command accepts `--trace` (list the planned file operations) and `--diff` (a unified
diff of every change); both write nothing.
"""


def _escape(text: str) -> str:
    """`text` safe inside a Markdown paragraph or table cell."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "\\|")
    )


def slugify(value: str, separator: str = "-") -> str:
    """A heading's id as GitHub makes it, for MkDocs' `toc` extension too.

    Lower case; every character that is not a letter, a digit, `_`, `-` or a
    space is dropped; each space becomes `separator` (runs are kept, so
    `a --db b` gives `a---db-b`). `mkdocs.yml` names this function, so links
    written against GitHub's rendering (docs/checks.md) resolve on the site.
    """
    kept = "".join(c for c in value.strip().lower() if c.isalnum() or c in " _-")
    return kept.replace(" ", separator)


def _anchor(path: str) -> str:
    """The id of the heading `## <path>`."""
    return slugify(path)


def _help_of(command: Command) -> str:
    """The command's help text, one paragraph per blank-line-separated block."""
    text = command.help or command.short_help or ""
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(_escape(p) for p in paragraphs if p)


def _epilog_blocks(epilog: str) -> Iterator[str]:
    """Markdown for an epilog: prose as paragraphs, indented lines as a console.

    Epilogs are written for click's help output: `\\b` keeps a block unwrapped,
    a line ending in `:` introduces indented example lines.
    """
    prose: list[str] = []
    examples: list[str] = []

    def flush() -> Iterator[str]:
        if prose:
            yield " ".join(_escape(line) for line in prose)
            prose.clear()
        if examples:
            yield "```console\n" + "\n".join(f"$ {e}" for e in examples) + "\n```"
            examples.clear()

    for raw in epilog.splitlines():
        line = raw.rstrip()
        if line.strip() in ("", "\b"):
            yield from flush()
        elif line.startswith(" "):
            if prose and not examples:
                yield from flush()
            examples.append(line.strip())
        else:
            if examples:
                yield from flush()
            if line.endswith(":"):
                yield from flush()
                yield f"**{_escape(line)}**"
            else:
                prose.append(line)
    yield from flush()


def _default(param: Parameter, ctx: Context) -> str:
    """The default a user sees for `param`, as a table cell."""
    if param.required:
        return "required"
    default = param.get_default(ctx, call=False)
    if isinstance(param, TyperOption) and param.is_flag and not param.secondary_opts:
        return "on" if default else "off"
    if default is None or default == () or default == []:
        return "—"
    if isinstance(default, enum.Enum):
        default = default.value
    if isinstance(default, list | tuple):
        return ", ".join(f"`{item}`" for item in default)
    return f"`{default}`"


def _value(param: Parameter) -> str:
    """What the parameter takes: a flag, a choice or a value type."""
    if isinstance(param, TyperOption) and param.is_flag:
        return "flag"
    kind = param.type
    choices = getattr(kind, "choices", None)
    if choices:
        return ", ".join(f"`{getattr(c, 'value', c)}`" for c in choices)
    name = {"str": "TEXT", "int": "INTEGER"}.get(str(kind.name), str(kind.name).upper())
    if param.nargs == -1:
        return f"{name}..."
    return name


def _names(param: Parameter) -> str:
    """`NAME` for an argument, `-m`, `--message` for an option."""
    if isinstance(param, TyperArgument):
        metavar = (param.metavar or param.name or "").upper()
        return f"`{metavar}`"
    names = [*param.opts, *param.secondary_opts]
    return ", ".join(f"`{name}`" for name in names)


def _parameters(command: Command, ctx: Context) -> list[str]:
    """A table of the command's visible arguments and options (none: empty)."""
    rows = []
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        help_text = " ".join((getattr(param, "help", None) or "").split())
        rows.append(
            f"| {_names(param)} | {_value(param)} | {_default(param, ctx)} "
            f"| {_escape(help_text)} |"
        )
    if not rows:
        return []
    return [
        "| argument / option | value | default | description |",
        "|---|---|---|---|",
        *rows,
    ]


def _usage(command: Command, ctx: Context) -> str:
    pieces = command.collect_usage_pieces(ctx)
    return " ".join([ctx.command_path, *pieces])


def _subcommands(group: TyperGroup, ctx: Context) -> Iterator[tuple[Command, Context]]:
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        yield sub, Context(sub, info_name=name, parent=ctx)


def _walk(command: Command, ctx: Context) -> Iterator[tuple[Command, Context]]:
    """`command` and everything below it, depth first, in registration order."""
    yield command, ctx
    if isinstance(command, TyperGroup):
        for sub, sub_ctx in _subcommands(command, ctx):
            yield from _walk(sub, sub_ctx)


def _section(command: Command, ctx: Context) -> list[str]:
    lines = [f"## {ctx.command_path}", ""]
    help_text = _help_of(command)
    if help_text:
        lines += [help_text, ""]
    lines += ["```text", _usage(command, ctx), "```", ""]
    if isinstance(command, TyperGroup):
        subs = list(_subcommands(command, ctx))
        if subs:
            lines += ["| command | description |", "|---|---|"]
            for sub, sub_ctx in subs:
                summary = _escape(sub.get_short_help_str(limit=300))
                link = f"[`{sub_ctx.command_path}`](#{_anchor(sub_ctx.command_path)})"
                lines.append(f"| {link} | {summary} |")
            lines.append("")
    table = _parameters(command, ctx)
    if table:
        lines += [*table, ""]
    if command.epilog:
        for block in _epilog_blocks(command.epilog):
            lines += [block, ""]
    return lines


def render_command_reference() -> str:
    """The whole of `docs/commands.md`."""
    import typer

    from pole_position.cli.app import app

    root = typer.main.get_command(app)
    root_ctx = Context(root, info_name="polepos")
    lines = [
        "# Command reference",
        "",
        f"<!-- Generated from the Typer application by `{REGENERATE}`;"
        " do not edit by hand. -->",
        "",
        _INTRO,
    ]
    for command, ctx in _walk(root, root_ctx):
        lines += _section(command, ctx)
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_command_reference())
