"""`polepos rename module OLD NEW`: rename a module, its wiring and its imports.

The arguments live here; what the command does lives in `module_run`, which the
entry point also calls directly for a command line it parses itself (no Typer).
"""

import typer

from pole_position.cli.commands.options import Diff, Quiet, Trace
from pole_position.cli.commands.rename.module_run import run_rename_module

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
    run_rename_module(
        old, new, rename_table=rename_table, trace=trace, diff=diff, quiet=quiet
    )


def register(group: typer.Typer) -> None:
    """Add the command to the `rename` group."""
    group.command("module", epilog=EPILOG)(rename_module)
