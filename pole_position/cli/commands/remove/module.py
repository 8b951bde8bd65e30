"""`polepos remove module NAME`: delete a module's files and wiring, or detach it."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Force, NoInstall, Quiet, Trace

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


def register(group: typer.Typer) -> None:
    """Add the command to the `remove` group."""
    group.command("module", epilog=EPILOG)(remove_module)
