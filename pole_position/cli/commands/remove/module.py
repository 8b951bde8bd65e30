"""`polepos remove module NAME`: delete a module's files and wiring, or detach it.

The options live here; what the command does lives in `module_run`, which the
entry point also calls directly for a command line it parses itself (no Typer).
"""

import typer

from pole_position.cli.commands.options import Diff, Force, NoInstall, Quiet, Trace
from pole_position.cli.commands.remove.module_run import run_remove_module

EPILOG = """\b
Examples:
  polepos remove module customers --trace
  polepos remove module customers
  polepos remove module invoices payments refunds   # one change set
  polepos remove module customers --wiring-only   # keep the folder, detach it
  polepos remove module customers --force         # even with custom changes"""


def _complete_module(incomplete: str) -> list[str]:
    try:
        from pole_position.cli.services.catalog.modules import STARTER_MODULE
        from pole_position.cli.services.project.locate import locate_project
        from pole_position.cli.services.project.state import load_state

        modules = load_state(locate_project()).modules
    except Exception:  # completion must never fail loudly
        return []
    names = (m for m in modules if m != STARTER_MODULE)
    return sorted(m for m in names if m.startswith(incomplete))


def remove_module(
    names: list[str] = typer.Argument(
        ...,
        metavar="NAME...",
        help="Module names; several are removed in one change set.",
        autocompletion=_complete_module,
    ),
    force: Force = False,
    wiring_only: bool = typer.Option(
        False,
        "--wiring-only",
        help="Remove wiring and generated tests; keep the module folder (detached).",
    ),
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Remove modules: the exact inverse of 'polepos add module'."""
    run_remove_module(
        names,
        force=force,
        wiring_only=wiring_only,
        no_install=no_install,
        trace=trace,
        diff=diff,
        quiet=quiet,
    )


def register(group: typer.Typer) -> None:
    """Add the command to the `remove` group."""
    group.command("module", epilog=EPILOG)(remove_module)
