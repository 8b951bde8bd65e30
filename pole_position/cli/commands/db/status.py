"""`polepos db status`: the current revision, the head, and how far behind."""

import typer

from pole_position.cli import output


def status() -> None:
    """Show the database's current revision, the head, and whether it is up to date."""
    from pole_position.cli.services.environment.db import migration_status

    for line in migration_status():
        output.info(line)


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command("status", epilog="\b\nExample:\n  polepos db status")(status)
