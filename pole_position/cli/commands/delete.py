"""`polepos delete NAME`: delete a generated project folder (never a database)."""

import sys
from pathlib import Path

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Trace

EPILOG = """\b
Only a folder holding .poleposition.toml is deleted, never the current folder or
a parent. Databases are not touched.
\b
Examples:
  polepos delete shop-api --trace
  polepos delete shop-api --force"""


def delete(
    name: str = typer.Argument(..., help="The project folder, e.g. shop-api."),
    force: bool = typer.Option(False, "--force", help="Do not ask for confirmation."),
    trace: Trace = False,
) -> None:
    """Delete a generated project folder, its .venv included."""
    from pole_position.cli.errors import Refused
    from pole_position.cli.services.plans.delete import delete_project, plan_deletion

    deletion = plan_deletion(name, Path.cwd())
    if trace:
        output.info(deletion.describe())
        return
    if not force:
        if not sys.stdin.isatty():
            raise Refused(
                f"refusing to delete {deletion.root} without confirmation.",
                "Pass --force when no terminal is attached.",
            )
        if not typer.confirm(f"{deletion.describe()}?", default=False):
            raise Refused("nothing deleted.")
    delete_project(deletion)
    output.success(f"Deleted {deletion.root}. Databases were not touched.")


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("delete", epilog=EPILOG)(delete)
