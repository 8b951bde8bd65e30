"""`polepos check`: the project contract, diagnosed (and with --fix, repaired)."""

from __future__ import annotations

from pathlib import Path

import typer

from pole_position.cli import output

EPILOG = """\b
Exit code 0 when no error remains, 1 otherwise. Codes: docs/checks.md.
\b
Examples:
  polepos check
  polepos check --fix
  polepos check --json | jq '.issues[].code'"""


def check(
    fix: bool = typer.Option(False, "--fix", help="Repair every fixable finding."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check the project against its contract: identity, wiring, integrations."""
    from pole_position.cli.services.project_checker import check_project, fix_project

    report = fix_project(Path.cwd()) if fix else check_project(Path.cwd())
    output.info(report.as_json() if as_json else report.as_text())
    if not report.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("check", epilog=EPILOG)(check)
