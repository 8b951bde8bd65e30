"""The shared end of every mutating command: show the plan, or write it and list it."""

from collections.abc import Sequence

from pole_position.cli import output
from pole_position.cli.services.project.change_set import ChangeSet, FileChange


def preview(changes: ChangeSet, *, trace: bool, diff: bool) -> None:
    """Print the planned operations (`--trace`), the diff (`--diff`), or both."""
    parts: list[str] = []
    if trace:
        parts.append("\n".join(changes.trace()))
    if diff:
        parts.append(changes.diff().rstrip("\n"))
    shown = "\n\n".join(part for part in parts if part)
    output.info(shown or "nothing to change")


# New and deleted files first, then the files edited at their managed blocks.
_ACTION_ORDER = {"create": 0, "delete": 0, "edit": 1}


def list_written(written: Sequence[FileChange]) -> None:
    """One `create`/`edit`/`delete` line per file written, as rails and nest print."""
    for change in sorted(written, key=lambda c: (_ACTION_ORDER[c.action], c.path)):
        output.file_action(change.action, change.path)


def show_or_commit(
    changes: ChangeSet, *, trace: bool, diff: bool, quiet: bool = False
) -> list[FileChange] | None:
    """Print the plan and return None, or commit it, list it and return what changed."""
    if trace or diff:
        preview(changes, trace=trace, diff=diff)
        return None
    written = changes.commit()
    if not quiet:
        list_written(written)
    return written
