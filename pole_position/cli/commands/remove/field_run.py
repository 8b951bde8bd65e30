"""What `polepos remove field` does once its arguments are parsed, without Typer.

Two callers share it: the Typer command (`field.py`) and the entry point's
direct path (`pole_position.cli.direct`), which runs a well-formed command line
without importing Typer at all. So this module imports nothing from Typer or
click (tests/cli/test_import_budget.py).
"""

from pole_position.cli import output


def run_remove_field(
    module: str,
    names: list[str],
    *,
    trace: bool = False,
    diff: bool = False,
    quiet: bool = False,
) -> None:
    """Remove fields 'polepos add field' added: the exact inverse."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.plans.field import plan_remove_fields
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    state = load_state(locate_project())
    plan = plan_remove_fields(state, module, names)
    if show_or_commit(plan.changes, trace=trace, diff=diff, quiet=quiet) is None:
        return
    removed = ", ".join(spec.name for spec in plan.fields)
    output.success(f"Removed from {module}: {removed}.")
    message = "drop " + ", ".join(f"{module}.{spec.name}" for spec in plan.fields)
    output.info(
        f'Next: polepos db revision --autogenerate -m "{message}" '
        "&& polepos db upgrade"
    )
