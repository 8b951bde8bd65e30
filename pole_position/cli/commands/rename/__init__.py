"""`polepos rename ...`: rename what 'polepos add' added, with an exact inverse."""

import typer

from pole_position.cli.commands.rename import module
from pole_position.cli.groups import WorkflowGroup


def register(app: typer.Typer) -> None:
    """Add the `rename` command group to the application."""
    group = typer.Typer(
        cls=WorkflowGroup,
        help="Rename what 'polepos add' added; renaming back restores every byte.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    module.register(group)
    app.add_typer(group, name="rename")
