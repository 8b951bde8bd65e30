"""Files an upgrade left with conflict markers: reported until resolved."""

from __future__ import annotations

from codemods import Inverted, codes
from pole_position.cli.services.check.context import CheckContext, Repair

# plans.upgrade.apply.CONFLICT_SECTION (a test keeps them equal).
SECTION = "upgrade"


def check_upgrade_conflicts(context: CheckContext) -> None:
    """PP040 while a marked file holds conflict markers; PP041 once they are gone."""
    if not context.lock.get(SECTION):
        return  # the usual case, decided without importing the upgrade planner
    from codemods.lockfile import LOCK_PATH, GeneratedFiles, recorded_files
    from pole_position import __version__
    from pole_position.cli.services.plans.upgrade.apply import (
        CONFLICT_OWNER,
        CONFLICT_SECTION,
    )
    from pole_position.cli.services.plans.upgrade.merge import first_conflict_line

    marked = recorded_files(context.lock, CONFLICT_SECTION, CONFLICT_OWNER)
    resolved = []
    for path in sorted(marked):
        text = context.files.text(path)
        line = first_conflict_line(text) if text is not None else None
        if line is None:
            resolved.append(path)
            continue
        context.report(
            codes.UPGRADE_CONFLICT.finding(
                f"{path} still has the conflict markers of an upgrade to "
                f"{__version__}",
                "Resolve the conflict (keep what you want between the markers, "
                "delete the markers), then run 'polepos check --fix'.",
                path,
                line,
            )
        )
    if not resolved:
        return
    remaining = tuple((p, marked[p]) for p in sorted(marked) if p not in resolved)
    record = GeneratedFiles(
        section=CONFLICT_SECTION, owner=CONFLICT_OWNER, files=remaining
    )
    clear = GeneratedFiles(
        section=CONFLICT_SECTION, owner=CONFLICT_OWNER, files=tuple(marked.items())
    )
    for path in resolved:
        context.report(
            codes.UPGRADE_CONFLICT_RESOLVED.finding(
                f"{path} is resolved but still marked as conflicted",
                "Run 'polepos check --fix' to clear the mark.",
                LOCK_PATH,
            ),
            Repair(
                "clear resolved upgrade conflict marks",
                (record,) if remaining else (Inverted(clear),),
            ),
        )
