"""`polepos adopt`: bring an existing FastAPI project under management (SPEC 17)."""

from pathlib import Path

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Trace

EPILOG = """\b
Reads the project with LibCST (never imports it), prints what it found, then
inserts the markers and writes the manifest with a [layout] table.
No existing code is recorded as generated.
\b
Examples:
  polepos adopt --diff
  polepos adopt
  polepos adopt --undo"""


def adopt(
    undo: bool = typer.Option(
        False,
        "--undo",
        help="Take adoption back exactly (only before anything was added).",
    ),
    trace: Trace = False,
    diff: Diff = False,
) -> None:
    """Bring an existing FastAPI project under management, in its own layout."""
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.plans.adopt.detect import detect
    from pole_position.cli.services.plans.adopt.plan import plan_adopt, plan_unadopt
    from pole_position.cli.services.project.lock import hold

    root = Path.cwd()
    if undo:
        hold(root)
        changes = plan_unadopt(root)
        if show_or_commit(changes, trace=trace, diff=diff) is not None:
            output.success("Adoption undone; the project is as it was before.")
        return
    detected = detect(root)
    output.info(f"Adopting {detected.package}:")
    output.info("\n".join(detected.report()))
    hold(root)
    changes = plan_adopt(root, detected)
    if show_or_commit(changes, trace=trace, diff=diff) is None:
        return
    output.success(f"Adopted {detected.package}.")
    template = "api-only" if detected.layout().support_dir is None else "crud"
    output.info(
        f"Next: polepos add module NAME --template {template}, "
        "polepos add integration redis, polepos check."
    )


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("adopt", epilog=EPILOG)(adopt)
