"""`polepos db status`: the current revision and the heads."""

from __future__ import annotations

import typer


def status() -> None:
    """Show the database's current revision and the latest one."""
    from pole_position.cli.services.db_runner import run_alembic

    run_alembic(["current"])
    run_alembic(["heads"])


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command("status", epilog="\b\nExample:\n  polepos db status")(status)
