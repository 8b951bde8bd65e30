"""`polepos version`: print the installed version."""

from pole_position import __version__
from pole_position.cli import output

# Not `typing.TYPE_CHECKING`: `polepos version` runs without importing typing
# (mypy treats any constant of this name as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typer


def version_line() -> str:
    """What `polepos version` and `polepos --version` print."""
    return f"polepos {__version__}"


def version() -> None:
    """Show the installed version of PolePosition."""
    output.info(version_line())


def register(app: "typer.Typer") -> None:
    """Add the command to the application."""
    app.command("version", epilog="\b\nExample:\n  polepos version")(version)
