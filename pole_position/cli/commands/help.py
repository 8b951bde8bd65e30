"""`polepos help [COMMAND...]`: the help of the application or of one command."""

import typer

from pole_position.cli import output
from pole_position.cli.errors import InvalidInput


def show_help(
    ctx: typer.Context,
    command: list[str] = typer.Argument(None, help="The command, e.g. `db upgrade`."),
) -> None:
    """Show help for PolePosition or for one of its commands."""
    root = ctx.find_root()
    target = root.command
    path = [root.info_name or "polepos"]
    parent = root
    for name in command or []:
        sub = getattr(target, "get_command", lambda _c, _n: None)(parent, name)
        if sub is None:
            raise InvalidInput(
                f"unknown command '{' '.join([*path[1:], name])}'.",
                "Run 'polepos --help' to list the commands.",
            )
        path.append(name)
        parent = typer.Context(sub, info_name=name, parent=parent)
        target = sub
    output.info(target.get_help(parent).rstrip())


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command(
        "help", epilog="\b\nExamples:\n  polepos help start\n  polepos help db upgrade"
    )(show_help)
