"""What `polepos rename module` does once its arguments are parsed, without Typer.

Two callers share it: the Typer command (`module.py`) and the entry point's
direct path (`pole_position.cli.direct`), which runs a well-formed command line
without importing Typer at all. So this module imports nothing from Typer or
click (tests/cli/test_import_budget.py).
"""

from pole_position.cli import output


def run_rename_module(
    old: str,
    new: str,
    *,
    rename_table: bool = False,
    trace: bool = False,
    diff: bool = False,
    quiet: bool = False,
) -> None:
    """Rename a module: folder, tests, names, wiring, manifest, lock and imports."""
    from pole_position.cli.services.plans.rename import scan_words
    from pole_position.cli.services.plans.rename.project_scan import ProjectScan
    from pole_position.cli.services.project.locate import locate_project

    project = locate_project()
    # Search the project's files while the planning modules import (see ProjectScan).
    scan = ProjectScan(str(project.root), scan_words(old))
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.plans.rename import plan_rename_module
    from pole_position.cli.services.project.state import load_state

    try:
        state = load_state(project)
        plan = plan_rename_module(state, old, new, rename_table=rename_table, scan=scan)
    finally:
        scan.close()
    if trace:
        for line in plan.not_renamed:
            output.info(f"not renamed: {line}")
    if show_or_commit(plan.changes, trace=trace, diff=diff, quiet=quiet) is None:
        return
    output.success(f"Renamed module {old} to {new}.")
    for line in plan.not_renamed:
        output.info(f"not renamed: {line} (a string or comment outside the module)")
    if plan.old_table is None:
        return
    if plan.old_table == plan.new_table:
        output.info(f"The table keeps its name: {plan.old_table}.")
    else:
        output.info(
            "Rename the table with a migration: polepos db revision -m "
            f"'rename {plan.old_table} to {plan.new_table}', then put "
            f'op.rename_table("{plan.old_table}", "{plan.new_table}") in upgrade() '
            f'and op.rename_table("{plan.new_table}", "{plan.old_table}") in '
            "downgrade(), and run polepos db upgrade."
        )
