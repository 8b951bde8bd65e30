"""The `polepos` Typer application: its options, help text and commands.

Only light modules are imported here; each command imports its heavy machinery
(LibCST, Jinja2, tomlkit, ...) inside its own body, so `polepos --help` starts
close to the cost of Typer itself. `pole_position.cli.main` imports this module
only once it knows the command needs Typer.
"""

from __future__ import annotations

import typer

from pole_position.cli import output
from pole_position.cli.commands import (
    add,
    adopt,
    check,
    codemod,
    completion,
    db,
    delete,
    help,
    remove,
    rename,
    start,
    upgrade,
    version,
)
from pole_position.cli.groups import WorkflowGroup

app = typer.Typer(
    name="polepos",
    cls=WorkflowGroup,
    help="PolePosition: create, grow, check and shrink FastAPI projects.",
    epilog=(
        "\b\nExamples:\n"
        "  polepos start shop-api\n"
        "  polepos add module customers --template crud --pagination\n"
        "  polepos check --fix\n"
        "  polepos db upgrade"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        output.info(version.version_line())
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False,
        "--version",
        help="Show the installed version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """PolePosition: create, grow, check and shrink FastAPI projects."""


# Registration order does not matter: WorkflowGroup lists them in workflow order.
for command in (
    start,
    adopt,
    add,
    remove,
    rename,
    check,
    db,
    upgrade,
    delete,
    codemod,
    completion,
    version,
    help,
):
    command.register(app)
