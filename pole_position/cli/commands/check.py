"""`polepos check`: the project contract, diagnosed (and with --fix, repaired).

The options live here; what the command does lives in `check_run`, which the
entry point also calls directly for a plain `check` (no Typer).
"""

import typer

from pole_position.cli.commands.check_run import ReportFormat, run_check
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
    code = run_check(
        fix=fix,
        report_format=report_format,
        as_json=as_json,
        no_cache=no_cache,
        trace=trace,
        diff=diff,
    )
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("check", epilog=EPILOG)(check)
