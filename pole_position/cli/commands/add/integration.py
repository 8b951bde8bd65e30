"""`polepos add integration NAME`: kafka, rabbitmq, redis or rq, wired by codemods."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, NoInstall, Quiet, Trace

EPILOG = """\b
Integrations: kafka, rabbitmq, redis, rq (off by default: <NAME>_ENABLED=false).
\b
Examples:
  polepos add integration redis
  polepos add integration kafka --diff"""


def _complete_integration(incomplete: str) -> list[str]:
    from pole_position.cli.services.catalog.integrations import INTEGRATIONS

    return sorted(name for name in INTEGRATIONS if name.startswith(incomplete.lower()))


def add_integration(
    name: str = typer.Argument(
        ..., help="kafka, rabbitmq, redis or rq.", autocompletion=_complete_integration
    ),
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Add an adapter package for an external system, with settings and env keys."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.integration import (
        parse_integration_name,
        plan_add_integration,
    )
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    integration = parse_integration_name(name)
    state = load_state(locate_project())
    changes = plan_add_integration(state, integration)
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    output.success(f"Added integration {integration}.")
    output.info(
        f"It is off by default: set {integration.upper()}_ENABLED=true in .env."
    )
    sync_environment(changes.root, committed, install=not no_install)


def register(group: typer.Typer) -> None:
    """Add the command to the `add` group."""
    group.command("integration", epilog=EPILOG)(add_integration)
