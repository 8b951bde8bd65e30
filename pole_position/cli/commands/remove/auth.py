"""`polepos remove auth`: the exact inverse of `polepos add auth`."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Force, NoInstall, Quiet, Trace

EPILOG = """\b
Examples:
  polepos remove auth --trace
  polepos remove auth --force   # even with custom changes"""


def remove_auth(
    force: Force = False,
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Remove the auth workflow; the table stays until a migration drops it."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.auth import plan_remove_auth
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    changes = plan_remove_auth(load_state(locate_project()), force=force)
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    output.success("Removed auth.")
    output.info(
        "The database was not touched. To drop the table, write a migration: "
        "polepos db revision -m 'drop auth users' && polepos db upgrade"
    )
    sync_environment(changes.root, committed, install=not no_install)


def register(group: typer.Typer) -> None:
    """Add the command to the `remove` group."""
    group.command("auth", epilog=EPILOG)(remove_auth)
