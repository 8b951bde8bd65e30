"""`polepos db revision -m MSG`: autogenerate a migration from the models."""

import typer


def revision(
    message: str = typer.Option(
        ..., "-m", "--message", help="What the migration does."
    ),
    autogenerate: bool = typer.Option(
        True,
        "--autogenerate",
        help="Compare the models with the database (always on; accepted as "
        "'polepos add field' prints it).",
    ),
) -> None:
    """Autogenerate a migration comparing the models with the database."""
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.environment.db import run_alembic

    if not message.strip():
        raise InvalidInput(
            "the migration message is empty.", "Pass -m 'add customers'."
        )
    # `--message=...` keeps Alembic from reading a message such as `-x` as an option.
    run_alembic(["revision", "--autogenerate", f"--message={message}"])


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command(
        "revision", epilog="\b\nExample:\n  polepos db revision -m 'add customers'"
    )(revision)
