"""The shared end of every mutating command: show the plan, or write it."""

from __future__ import annotations

from pole_position.cli import output
from pole_position.cli.services.change_set import ChangeSet, FileChange


def show_or_commit(
    changes: ChangeSet, *, trace: bool, diff: bool
) -> list[FileChange] | None:
    """Print the plan and return None, or commit it and return what changed."""
    if trace or diff:
        shown = "\n".join(changes.trace()) if trace else changes.diff().rstrip("\n")
        output.info(shown or "nothing to change")
        return None
    return changes.commit()
