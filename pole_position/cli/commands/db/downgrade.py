"""`polepos db downgrade TARGET`: revert migrations."""

from __future__ import annotations

import typer


def downgrade(
    target: str = typer.Argument(
        ..., help="Revision to downgrade to, e.g. -1 or base."
    ),
) -> None:
    """Revert migrations down to TARGET."""
    from pole_position.cli.services.db_runner import run_alembic

    run_alembic(["downgrade", target])


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command(
        "downgrade",
        epilog="\b\nExamples:\n  polepos db downgrade -1\n  polepos db downgrade base",
    )(downgrade)
