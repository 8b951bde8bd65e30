"""`polepos check`: the project contract, diagnosed (and with --fix, repaired)."""

from enum import StrEnum
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
  polepos check --no-cache      # ignore the kept per-file results
  polepos check --fix --diff    # preview the repairs, write nothing
  polepos check --json | jq '.issues[].code'
  polepos check --format sarif > polepos.sarif"""


class ReportFormat(StrEnum):
    """How `check` prints its result."""

    text = "text"
    json = "json"
    sarif = "sarif"


def check(
    fix: bool = typer.Option(False, "--fix", help="Repair every fixable finding."),
    report_format: ReportFormat = typer.Option(
        ReportFormat.text,
        "--format",
        help="text, json, or sarif (SARIF 2.1.0 for code-scanning tools).",
        case_sensitive=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json."),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help="Parse every file again instead of reusing the results kept "
        "(in ~/.cache/polepos) for files whose bytes have not changed.",
    ),
    trace: Trace = False,
    diff: Diff = False,
) -> None:
    """Check the project against its contract: identity, wiring, integrations."""
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.check import check_project, fix_project

    if as_json and report_format not in (ReportFormat.text, ReportFormat.json):
        raise InvalidInput(
            f"--json conflicts with --format {report_format.value}.",
            "Drop one of them (--json means --format json).",
        )
    chosen = ReportFormat.json if as_json else report_format
    if trace or diff:
        _preview_repairs(fix=fix, trace=trace, diff=diff)
        return
    if fix:
        report = fix_project(Path.cwd())
    else:
        report = check_project(Path.cwd(), cache=not no_cache)
    if chosen is ReportFormat.json:
        output.info(report.as_json())
    elif chosen is ReportFormat.sarif:
        from pole_position.cli.services.check.sarif import sarif_json

        output.info(sarif_json(report))
    else:
        output.info(report.as_text(paint=output.paint_severity))
    if not report.passed:
        raise typer.Exit(1)


def _preview_repairs(*, fix: bool, trace: bool, diff: bool) -> None:
    """Show the first round of repairs `--fix` would make, writing nothing."""
    from pole_position.cli.commands.plan_output import preview
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.check import plan_repairs

    if not fix:
        raise InvalidInput(
            "--trace and --diff preview repairs, so they need --fix.",
            "Run 'polepos check --fix --diff'.",
        )
    planned = plan_repairs(Path.cwd())
    if planned is None:
        output.info("nothing to repair")
        return
    preview(planned.changes, trace=trace, diff=diff)
    for description in planned.descriptions:
        output.info(f"# would fix: {description}")


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("check", epilog=EPILOG)(check)
