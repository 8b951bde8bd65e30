"""`polepos remove integration NAME`: the exact inverse of `add integration`."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Force, NoInstall, Quiet, Trace

EPILOG = """\b
Examples:
  polepos remove integration redis --trace
  polepos remove integration redis --force   # even with custom changes"""


def _complete_integration(incomplete: str) -> list[str]:
    try:
        from pole_position.cli.services.project.locate import locate_project
        from pole_position.cli.services.project.state import load_state

        names = load_state(locate_project()).manifest.integrations
    except Exception:  # completion must never fail loudly
        return []
    return sorted(name for name in names if name.startswith(incomplete.lower()))


def remove_integration(
    name: str = typer.Argument(
        ..., help="The integration to remove.", autocompletion=_complete_integration
    ),
    force: Force = False,
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Remove an integration: files, settings, env keys, dependency and records."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.integration import (
        parse_integration_name,
        plan_remove_integration,
    )
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    integration = parse_integration_name(name)
    state = load_state(locate_project())
    changes = plan_remove_integration(state, integration, force=force)
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    output.success(f"Removed integration {integration}.")
    sync_environment(changes.root, committed, install=not no_install)


def register(group: typer.Typer) -> None:
    """Add the command to the `remove` group."""
    group.command("integration", epilog=EPILOG)(remove_integration)
