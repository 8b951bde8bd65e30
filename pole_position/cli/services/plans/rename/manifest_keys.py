"""Rename a module's keys in `.poleposition.toml` in place, line by line.

Removing and re-adding the entries would move them to the end of their tables,
so renaming back would not give the manifest back byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from codemods.layout import MANIFEST_FILE

SECTIONS = ("modules", "fields", "detached")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


class TextFormat:
    """A file as plain text: parsed and rendered unchanged."""

    name = "text"

    def parse(self, text: str) -> str:
        """The text itself."""
        return text

    def render(self, document: str) -> str:
        """The text itself."""
        return str(document)


TEXT = TextFormat()


def _rename_key(text: str, old: str, new: str) -> str:
    key = re.compile(rf'^(\s*)(?:{re.escape(old)}|"{re.escape(old)}")(\s*=)')
    lines = text.splitlines(keepends=True)
    section = None
    for index, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            section = header.group(1).strip()
            continue
        if section in SECTIONS:
            # Matched, not substituted: `re.sub` expands its template on every
            # call, and the tables hold a line per module.
            found = key.match(line)
            if found is not None:
                lines[index] = f"{found.group(1)}{new}{line[found.start(2) :]}"
    return "".join(lines)


@dataclass(frozen=True)
class ManifestKeys:
    """`old = ...` becomes `new = ...` under [modules], [fields] and [detached]."""

    format: ClassVar[TextFormat] = TEXT
    old: str
    new: str
    path: str = MANIFEST_FILE

    def apply(self, document: str) -> str:
        """Rename the keys."""
        return _rename_key(document, self.old, self.new)

    def invert(self, document: str) -> str:
        """Rename them back."""
        return _rename_key(document, self.new, self.old)
