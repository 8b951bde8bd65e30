"""Custom-change detection: generated files compared with their recorded hashes."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Drift(NamedTuple):
    """Files that differ from what PolePosition generated."""

    edited: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.edited or self.added)

    def describe(self, limit: int = 4) -> str:
        """A short, one-line list of the drifted files."""
        items = [f"{p} (edited)" for p in self.edited] + [
            f"{p} (not generated)" for p in self.added
        ]
        shown = ", ".join(items[:limit])
        more = len(items) - limit
        return shown + (f" and {more} more" if more > 0 else "")


def _hash_file(path: Path) -> str:
    from codemods.lockfile import content_hash

    return content_hash(path.read_bytes())


def detect_drift(
    root: Path, recorded: dict[str, str], folder: str | None = None
) -> Drift:
    """Edited recorded files, plus files in `folder` that were never generated."""
    edited = tuple(
        path
        for path, expected in sorted(recorded.items())
        if (root / path).is_file() and _hash_file(root / path) != expected
    )
    added: tuple[str, ...] = ()
    if folder is not None and (root / folder).is_dir():
        added = tuple(
            relative
            for file in sorted((root / folder).rglob("*"))
            if file.is_file() and "__pycache__" not in file.parts
            for relative in [file.relative_to(root).as_posix()]
            if relative not in recorded
        )
    return Drift(edited=edited, added=added)
