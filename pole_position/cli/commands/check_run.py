"""What `polepos check` does once its options are parsed, without Typer.

Two callers share it: the Typer command (`check.py`) and the entry point's
shortcut (`pole_position.cli.main`), which runs a plain `check` without
importing Typer at all; importing Typer costs more than checking a small
project. So this module imports nothing from Typer or click.
"""

from enum import StrEnum
from pathlib import Path

from pole_position.cli import output


class ReportFormat(StrEnum):
    """How `check` prints its result."""

    text = "text"
    json = "json"
    sarif = "sarif"


def run_check(
    *,
    fix: bool = False,
    report_format: ReportFormat = ReportFormat.text,
    as_json: bool = False,
    no_cache: bool = False,
    trace: bool = False,
    diff: bool = False,
) -> int:
    """Check (or with `fix`, repair) the project; print the report; the exit code."""
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
        return 0
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
    return 0 if report.passed else 1


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


# The flags the entry point's shortcut understands. Any other argument
# (`--format`, `--help`, `--fix=1`, a typo) goes through Typer, which owns every
# message about a command line it would reject.
SHORTCUT_FLAGS = frozenset({"--fix", "--json", "--no-cache"})


def shortcut_flags(args: list[str]) -> frozenset[str] | None:
    """The flags of `check [FLAG ...]`, or None when Typer must parse `args`."""
    if args[:1] != ["check"] or not SHORTCUT_FLAGS.issuperset(args[1:]):
        return None
    return frozenset(args[1:])


def run_flags(flags: frozenset[str]) -> int:
    """`run_check` with the shortcut's flags, as Typer would have parsed them."""
    return run_check(
        fix="--fix" in flags, as_json="--json" in flags, no_cache="--no-cache" in flags
    )
