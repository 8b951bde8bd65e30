"""`polepos rename module OLD NEW`: rename a module, its wiring and its imports."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Quiet, Trace

EPILOG = """\b
Examples:
  polepos rename module customers clients --trace
  polepos rename module customers clients
  polepos rename module customers clients --rename-table
  polepos rename module clients customers   # gives the project back"""


def _complete_module(incomplete: str) -> list[str]:
    try:
        from pole_position.cli.services.catalog.modules import STARTER_MODULE
        from pole_position.cli.services.project.locate import locate_project
        from pole_position.cli.services.project.state import load_state

        state = load_state(locate_project())
        modules = [*state.modules, *state.manifest.detached]
    except Exception:  # completion must never fail loudly
        return []
    return sorted(
        m for m in modules if m != STARTER_MODULE and m.startswith(incomplete)
    )


def rename_module(
    old: str = typer.Argument(
        ..., help="Current module name.", autocompletion=_complete_module
    ),
    new: str = typer.Argument(..., help="New module name."),
    rename_table: bool = typer.Option(
        False,
        "--rename-table",
        help="Rename the database table too (prints the Alembic step).",
    ),
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
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


def register(group: typer.Typer) -> None:
    """Add the command to the `rename` group."""
    group.command("module", epilog=EPILOG)(rename_module)
