"""`polepos remove ...`: the exact inverse of `polepos add ...`."""

# Typer and the commands load in `register`, not here: the entry point imports
# `remove.module_run` without them (pole_position.cli.direct).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import typer


def register(app: "typer.Typer") -> None:
    """Add the `remove` command group to the application."""
    import typer

    from pole_position.cli.commands.remove import auth, field, integration, module
    from pole_position.cli.groups import WorkflowGroup

    group = typer.Typer(
        cls=WorkflowGroup,
        help="Remove what 'polepos add' added, exactly.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    module.register(group)
    field.register(group)
    integration.register(group)
    auth.register(group)
    app.add_typer(group, name="remove")
