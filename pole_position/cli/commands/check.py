"""`polepos check`: the project contract, diagnosed (and with --fix, repaired)."""

from __future__ import annotations

from pathlib import Path

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Trace

EPILOG = """\b
Exit code 0 when no error remains, 1 otherwise. Codes: docs/checks.md.
\b
Examples:
  polepos check
  polepos check --fix
  polepos check --fix --diff    # preview the repairs, write nothing
  polepos check --json | jq '.issues[].code'"""


def check(
    fix: bool = typer.Option(False, "--fix", help="Repair every fixable finding."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    trace: Trace = False,
    diff: Diff = False,
) -> None:
    """Check the project against its contract: identity, wiring, integrations."""
    from pole_position.cli.services.project_checker import check_project, fix_project

    if trace or diff:
        _preview_repairs(fix=fix, trace=trace)
        return
    report = fix_project(Path.cwd()) if fix else check_project(Path.cwd())
    output.info(report.as_json() if as_json else report.as_text())
    if not report.passed:
        raise typer.Exit(1)


def _preview_repairs(*, fix: bool, trace: bool) -> None:
    """Show the first round of repairs `--fix` would make, writing nothing."""
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.project_checker import plan_repairs

    if not fix:
        raise InvalidInput(
            "--trace and --diff preview repairs, so they need --fix.",
            "Run 'polepos check --fix --diff'.",
        )
    planned = plan_repairs(Path.cwd())
    if planned is None:
        output.info("nothing to repair")
        return
    changes, done = planned
    output.info("\n".join(changes.trace()) if trace else changes.diff().rstrip("\n"))
    for description in done:
        output.info(f"# would fix: {description}")


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("check", epilog=EPILOG)(check)
