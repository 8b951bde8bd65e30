"""`polepos db upgrade [TARGET]`: apply migrations."""

import typer


def upgrade(
    target: str = typer.Argument("head", help="Revision to upgrade to."),
) -> None:
    """Apply migrations up to TARGET (default: head)."""
    from pole_position.cli.services.environment.db import run_alembic

    run_alembic(["upgrade", target])


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command(
        "upgrade", epilog="\b\nExamples:\n  polepos db upgrade\n  polepos db upgrade +1"
    )(upgrade)
