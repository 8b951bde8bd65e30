"""`polepos db downgrade TARGET`: revert migrations."""

import typer


def downgrade(
    target: str = typer.Argument(
        ..., help="Revision to downgrade to: -1 (one step back), a revision or base."
    ),
) -> None:
    """Revert migrations down to TARGET."""
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.environment.db import run_alembic

    # Unknown options reach TARGET (so `-1` works): refuse anything else option-like.
    if target.startswith("-") and not target[1:].isdigit():
        raise InvalidInput(
            f"no such option: {target}.",
            "Pass a target such as -1, base or a revision id.",
        )
    run_alembic(["downgrade", target])


def register(group: typer.Typer) -> None:
    """Add the command to the `db` group."""
    group.command(
        "downgrade",
        epilog="\b\nExamples:\n  polepos db downgrade -1\n  polepos db downgrade base",
        # A relative target such as -1 is an argument, not an option.
        context_settings={"ignore_unknown_options": True},
    )(downgrade)
