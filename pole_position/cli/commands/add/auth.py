"""`polepos add auth`: users, password hashing, register/token/me routes."""

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, NoInstall, Quiet, Trace

EPILOG = """\b
Examples:
  polepos add auth
  polepos add auth --trace"""


def add_auth(
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Add database-backed users with register, token and me routes."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.auth import plan_add_auth
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    changes = plan_add_auth(load_state(locate_project()))
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    output.success("Added auth: /api/v1/auth/register, /auth/token and /auth/me.")
    output.info("Next: polepos db revision -m 'add auth users' && polepos db upgrade")
    sync_environment(changes.root, committed, install=not no_install)


def register(group: typer.Typer) -> None:
    """Add the command to the `add` group."""
    group.command("auth", epilog=EPILOG)(add_auth)
