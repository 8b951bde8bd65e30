"""`polepos db ...`: Alembic migrations in the project's own environment."""

import typer

from pole_position.cli.commands.db import downgrade, revision, status, upgrade
from pole_position.cli.groups import WorkflowGroup


def register(app: typer.Typer) -> None:
    """Add the `db` command group to the application."""
    group = typer.Typer(
        cls=WorkflowGroup,
        help="Run the project's database migrations (Alembic).",
        no_args_is_help=True,
        rich_markup_mode=None,
        epilog=(
            "\b\nExamples:\n  polepos db revision -m 'add customers'\n"
            "  polepos db upgrade\n  polepos db status\n  polepos db downgrade -1"
        ),
    )
    for command in (status, upgrade, revision, downgrade):
        command.register(group)
    app.add_typer(group, name="db")
