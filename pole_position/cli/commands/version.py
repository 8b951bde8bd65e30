"""`polepos version`: print the installed version."""

from __future__ import annotations

import typer

from pole_position import __version__
from pole_position.cli import output


def version() -> None:
    """Show the installed version of PolePosition."""
    output.info(f"polepos {__version__}")


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("version", epilog="\b\nExample:\n  polepos version")(version)
