"""`polepos upgrade`: a read-only upgrade-readiness report of the project."""

from __future__ import annotations

from pathlib import Path

import typer

from pole_position.cli import output

EPILOG = """\b
Exit code 1 when the project check fails. Nothing is changed.
\b
Examples:
  polepos upgrade
  polepos upgrade --json"""


def upgrade(
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Report versions, modules, integrations and the check result (read-only)."""
    from pole_position.cli.services.upgrade_report import build_report

    report = build_report(Path.cwd())
    output.info(report.as_json() if as_json else report.as_text())
    if not report.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("upgrade", epilog=EPILOG)(upgrade)
