"""`polepos upgrade`: plan the move to the installed templates; `--apply` makes it."""

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Quiet, Trace

if TYPE_CHECKING:
    from pole_position.cli.services.plans.upgrade.report import UpgradeReport

EPILOG = """\b
Without --apply nothing is written. Per generated file the plan says: unchanged,
update (pristine file, new render), merge (your edits and the template's merge
cleanly), conflict (they do not), create, delete (pristine file the templates
dropped), kept (edited file the templates dropped) or missing (you deleted it).
Exit code 1 when the project check fails or when the plan has conflicts.
\b
Examples:
  polepos upgrade
  polepos upgrade --json
  polepos upgrade --apply --diff
  polepos upgrade --apply"""


def upgrade(
    apply: bool = typer.Option(
        False, "--apply", help="Carry out the plan in one all-or-nothing change."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON."),
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Plan the move to the installed templates; --apply carries it out."""
    from pole_position.cli.services.plans.upgrade.report import build_report

    report = build_report(Path.cwd())
    if not apply:
        output.info(report.as_json() if as_json else report.as_text())
        if not report.passed or (report.plan and report.plan.conflicts):
            raise typer.Exit(1)
        return
    # JSON on stdout must stay one document: no file list in front of it.
    _apply(report, as_json=as_json, trace=trace, diff=diff, quiet=quiet or as_json)


def _apply(
    report: "UpgradeReport", *, as_json: bool, trace: bool, diff: bool, quiet: bool
) -> None:
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.errors import Refused
    from pole_position.cli.services.plans.upgrade.apply import plan_apply
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    if not report.passed:
        raise Refused(
            "the project check fails, so the upgrade was not applied; nothing changed.",
            "Run 'polepos check --fix' (or fix the findings by hand), then try again.",
        )
    assert report.plan is not None  # a project that checks is always planned
    plan = report.plan
    changes = plan_apply(load_state(locate_project()), plan)
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    if as_json:
        output.info(report.as_json())
    else:
        done = {
            "conflict": "conflicted",
            "merge": "merged",
            "update": "updated",
            "create": "created",
            "delete": "deleted",
        }
        counts = ", ".join(
            f"{n} {done[a]}" for a, n in plan.counts().items() if a in done
        )
        output.success(
            f"Upgraded to polepos {plan.to_version}: {counts or 'no file changed'}."
        )
        if any(change.path == "pyproject.toml" for change in committed):
            # upgrade installs nothing: new requirements (e.g. the dev extra's
            # httpx2) reach the environment only when the project is reinstalled.
            output.info(
                "pyproject.toml changed: reinstall the project to get its "
                "dependencies, e.g. .venv/bin/pip install -e '.[dev]'"
            )
    if plan.conflicts:
        for item in plan.conflicts:
            output.error(f"conflict: {item.path}")
        count = len(plan.conflicts)
        raise Refused(
            f"{count} {'file has' if count == 1 else 'files have'} conflict markers "
            "to resolve.",
            "Resolve them, then run 'polepos check' (and 'polepos check --fix' "
            "for managed files).",
        )


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("upgrade", epilog=EPILOG)(upgrade)
