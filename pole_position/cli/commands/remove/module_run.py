"""What `polepos remove module` does once its options are parsed, without Typer.

Two callers share it: the Typer command (`module.py`) and the entry point's
direct path (`pole_position.cli.direct`), which runs a well-formed command line
without importing Typer at all. So this module imports nothing from Typer or
click (tests/cli/test_import_budget.py).
"""

from pole_position.cli import output


def run_remove_module(
    names: list[str],
    *,
    force: bool = False,
    wiring_only: bool = False,
    no_install: bool = False,
    trace: bool = False,
    diff: bool = False,
    quiet: bool = False,
) -> None:
    """Remove modules (or with `wiring_only`, detach them), in one change set."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.module.remove import plan_remove_modules
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    state = load_state(locate_project())
    plans = plan_remove_modules(state, names, force=force, wiring_only=wiring_only)
    changes = plans[0].changes  # one change set for the batch
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    for plan in plans:
        name = plan.name  # normalised: `Garage-Two` removes `garage_two`
        if wiring_only:
            output.success(
                f"Detached module {name}: wiring and generated tests removed."
            )
            output.info(
                "Its folder stays; it is recorded under [detached] in the manifest."
            )
        else:
            output.success(f"Removed module {name}.")
        if plan.removed_llm_scaffold:
            output.info(
                "It was the last ai-prompt module: the LLM scaffold was removed too."
            )
    dropped = [plan.name for plan in plans if plan.had_model]
    if dropped:
        output.info(
            "The database was not touched. To drop the table, write a migration: "
            f"polepos db revision -m 'drop {' '.join(dropped)}' && polepos db upgrade"
        )
    sync_environment(changes.root, committed, install=not no_install)
