"""`polepos rename ...`: rename what 'polepos add' added, with an exact inverse."""

# Typer and the command load in `register`, not here: the entry point imports
# `rename.module_run` without them (pole_position.cli.direct).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typer


def register(app: "typer.Typer") -> None:
    """Add the `rename` command group to the application."""
    import typer

    from pole_position.cli.commands.rename import module
    from pole_position.cli.groups import WorkflowGroup

    group = typer.Typer(
        cls=WorkflowGroup,
        help="Rename what 'polepos add' added; renaming back restores every byte.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    module.register(group)
    app.add_typer(group, name="rename")
