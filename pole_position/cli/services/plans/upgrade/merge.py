"""Three-way merge of a generated file: the user's copy, the old render and the new one.

The merge itself is `merge3`'s (a maintained diff3 from the bzr/breezy lineage);
this module only makes the three texts comparable and gives the result back in
the user's own encoding details: byte-order mark, line endings and final newline.
"""

from __future__ import annotations

from dataclasses import dataclass

BOM = "\ufeff"


@dataclass(frozen=True)
class MergeResult:
    """The merged text and how many conflict regions it holds."""

    text: str
    conflicts: int


@dataclass(frozen=True)
class _Shape:
    bom: bool
    newline: str
    final_newline: bool


def _shape(text: str) -> _Shape:
    body = text.removeprefix(BOM)
    return _Shape(
        bom=text.startswith(BOM),
        newline="\r\n" if "\r\n" in body else "\n",
        final_newline=body.endswith("\n") or not body,
    )


def _lines(text: str) -> list[str]:
    return text.removeprefix(BOM).replace("\r\n", "\n").splitlines(keepends=True)


def _restore(text: str, shape: _Shape) -> str:
    if shape.final_newline and text and not text.endswith("\n"):
        text += "\n"
    elif not shape.final_newline:
        text = text.removesuffix("\n")
    if shape.newline != "\n":
        text = text.replace("\n", shape.newline)
    return (BOM if shape.bom else "") + text


def merge_three_way(
    base: str, ours: str, theirs: str, *, old_version: str, new_version: str
) -> MergeResult:
    """Merge the template change (base → theirs) into the user's file (ours)."""
    import merge3

    base_lines, our_lines, their_lines = _lines(base), _lines(ours), _lines(theirs)
    # A last line without a newline would glue itself to a conflict marker.
    for lines in (base_lines, our_lines, their_lines):
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
    merger = merge3.Merge3(base_lines, our_lines, their_lines)
    conflicts = sum(1 for region in merger.merge_regions() if region[0] == "conflict")
    merged = "".join(
        merger.merge_lines(
            name_a="project",
            name_b=f"polepos {new_version}",
            name_base=f"polepos {old_version}",
            base_marker="|||||||",
        )
    )
    return MergeResult(_restore(merged, _shape(ours)), conflicts)


def has_conflict_markers(text: str) -> bool:
    """Whether a file still holds the conflict markers an upgrade wrote."""
    return first_conflict_line(text) is not None


def first_conflict_line(text: str) -> int | None:
    """The 1-based line of the first conflict marker an upgrade wrote, if any."""
    starts = ("<<<<<<< project", "||||||| polepos ", ">>>>>>> polepos ")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.removeprefix(BOM).startswith(starts):
            return number
    return None
