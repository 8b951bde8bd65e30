"""`.poleposition.lock`: content hashes of generated files (SPEC G7).

`remove` compares a generated file with the hash recorded when it was
generated, never with a fresh render of the current templates, so a module
made by an older PolePosition is still recognised as unmodified after the
templates change. The file is owned by the tool and always rendered in one
canonical form (sorted, fixed layout), which makes every inverse exact by
construction.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from codemods._core import Finding, Observation, Presence, WiringError

LOCK_PATH = ".poleposition.lock"
HEADER = (
    "# Written by polepos: content hashes of generated files, so that `remove`\n"
    "# can tell generated files from edited ones. Do not edit by hand.\n"
)

LockData = dict[str, dict[str, dict[str, Any]]]


def content_hash(text: str | bytes) -> str:
    """The hash recorded for a generated file's content."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


class LockFormat:
    """Parses with tomllib; renders the canonical text."""

    name = "lock"

    def parse(self, text: str) -> LockData:
        """Read the lock; an empty file is an empty lock."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise WiringError(f"{LOCK_PATH} is not valid TOML ({exc}).") from None
        return {
            section: dict(entries)
            for section, entries in data.items()
            if isinstance(entries, dict)
        }

    def render(self, document: LockData) -> str:
        """Render sections, owners and files in sorted order."""
        chunks = [HEADER]
        for section in sorted(document):
            for owner in sorted(document[section]):
                entry = document[section][owner]
                chunks.append(f"\n[{section}.{owner}]\n")
                for key in sorted(k for k in entry if k != "files"):
                    chunks.append(f"{key} = {_quote(str(entry[key]))}\n")
                files: Mapping[str, str] = entry.get("files", {})
                chunks.append(f"\n[{section}.{owner}.files]\n")
                for path in sorted(files):
                    chunks.append(f"{_quote(path)} = {_quote(files[path])}\n")
        return "".join(chunks)


@dataclass(frozen=True)
class GeneratedFiles:
    """Record (apply) or forget (invert) the hashes of one owner's generated files."""

    format: ClassVar[LockFormat] = LockFormat()
    section: str  # "modules", "integrations", "shared", ...
    owner: str
    files: tuple[tuple[str, str], ...]  # (path, content hash)
    template: str = ""
    version: str = ""
    # Facts `remove` needs later, e.g. (("added_dependencies", "redis>=5"),).
    notes: tuple[tuple[str, str], ...] = ()
    path: str = LOCK_PATH

    def _entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"files": dict(self.files), **dict(self.notes)}
        if self.template:
            entry["template"] = self.template
        if self.version:
            entry["polepos"] = self.version
        return entry

    def apply(self, document: LockData) -> LockData:
        """Record the owner's files, replacing an older record of the same owner."""
        updated = {section: dict(entries) for section, entries in document.items()}
        updated.setdefault(self.section, {})[self.owner] = self._entry()
        return updated

    def invert(self, document: LockData) -> LockData:
        """Forget the owner; drop its section when it becomes empty."""
        updated = {section: dict(entries) for section, entries in document.items()}
        entries = updated.get(self.section, {})
        entries.pop(self.owner, None)
        if not entries:
            updated.pop(self.section, None)
        return updated

    def observe(self, document: LockData) -> Observation:
        """Present when the owner has a record."""
        present = self.owner in document.get(self.section, {})
        return Observation(Presence.PRESENT if present else Presence.ABSENT)

    def check(self, document: LockData) -> list[Finding]:
        """Findings when the owner has no record (nothing to compare edits with)."""
        if self.observe(document).presence is Presence.PRESENT:
            return []
        from codemods import codes

        return [
            codes.HASHES_MISSING.finding(
                f"{self.section} {self.owner!r} has no recorded hashes.",
                "remove will treat its files as edited; use --force to remove it.",
                self.path,
            )
        ]


def recorded_files(document: LockData, section: str, owner: str) -> dict[str, str]:
    """The `{path: hash}` recorded for one owner (empty when none)."""
    entry = document.get(section, {}).get(owner, {})
    files = entry.get("files", {}) if isinstance(entry, dict) else {}
    return {str(path): str(value) for path, value in files.items()}


def recorded_note(document: LockData, section: str, owner: str, key: str) -> str:
    """A note recorded with an owner's files (empty when none)."""
    entry = document.get(section, {}).get(owner, {})
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    return str(value)


def recorded_version(document: LockData, section: str, owner: str) -> str | None:
    """The PolePosition version that generated an owner's files, if recorded."""
    entry = document.get(section, {}).get(owner, {})
    version = entry.get("polepos") if isinstance(entry, dict) else None
    return str(version) if version else None
