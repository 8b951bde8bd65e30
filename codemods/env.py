"""`.env.example` blocks: a line-faithful document model and the `EnvBlock` operation.

A block is a header comment, required `KEY=value` lines and optional `# KEY=value`
examples, inserted directly above a marker such as `# polepos:integration-env`.
Blocks under one marker are stacked without blank lines between them: the header
comment separates them, and because no separator line belongs to two blocks,
removing any block in any order leaves the others exactly as they were.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods.layout import ENV_EXAMPLE, MARKER_PREFIX
from codemods.provenance import Collision

ENV_PATH = ENV_EXAMPLE

_ACTIVE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")
_COMMENTED = re.compile(r"^\s*#\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=")
_MARKER_PREFIX = MARKER_PREFIX


def _strip_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith("\n"):
        return line[:-1]
    return line


def _marker_name(content: str) -> str | None:
    """`polepos:xyz` for a marker comment line, else None."""
    stripped = content.strip()
    if not stripped.startswith("#"):
        return None
    name = stripped[1:].strip()
    return name if name.startswith(_MARKER_PREFIX) and " " not in name else None


@dataclass(frozen=True)
class EnvDocument:
    """The lines of an env file with their endings; renders back byte for byte."""

    lines: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> EnvDocument:
        """Split text after every LF, keeping each line's ending (LF, CRLF or none)."""
        parts = text.split("\n")
        lines = [part + "\n" for part in parts[:-1]]
        if parts[-1]:
            lines.append(parts[-1])
        return cls(tuple(lines))

    def render(self) -> str:
        """The exact text this document stands for."""
        return "".join(self.lines)

    def content(self, index: int) -> str:
        """Line `index` (0-based) without its line ending."""
        return _strip_ending(self.lines[index])

    @property
    def newline(self) -> str:
        """The ending new lines get: that of the first terminated line, else LF."""
        for line in self.lines:
            if line.endswith("\r\n"):
                return "\r\n"
            if line.endswith("\n"):
                return "\n"
        return "\n"

    def active_keys(self) -> dict[str, list[int]]:
        """Each active `KEY=` with the 1-based lines that set it."""
        found: dict[str, list[int]] = {}
        for index, line in enumerate(self.lines):
            match = _ACTIVE.match(line)
            if match:
                found.setdefault(match.group(1), []).append(index + 1)
        return found

    def commented_keys(self) -> dict[str, list[int]]:
        """Each `# KEY=` comment with the 1-based lines that hold it."""
        found: dict[str, list[int]] = {}
        for index, line in enumerate(self.lines):
            match = _COMMENTED.match(line)
            if match:
                found.setdefault(match.group(1), []).append(index + 1)
        return found

    def find_marker(self, marker: str) -> int | None:
        """0-based index of the first line holding `marker`, if any."""
        wanted = _marker_name(marker)
        for index in range(len(self.lines)):
            if _marker_name(self.content(index)) == wanted:
                return index
        return None

    def replace(self, start: int, stop: int, new: Sequence[str]) -> EnvDocument:
        """A new document with lines `[start, stop)` replaced by `new`."""
        return EnvDocument(self.lines[:start] + tuple(new) + self.lines[stop:])


class EnvFormat:
    """`.env` files as `EnvDocument`s; parsing never fails, rendering is exact."""

    name = "env"

    def parse(self, text: str) -> EnvDocument:
        """Parse env text into its lines."""
        return EnvDocument.parse(text)

    def render(self, document: EnvDocument) -> str:
        """Render the lines back to text."""
        return document.render()


ENV_FORMAT = EnvFormat()


@dataclass(frozen=True)
class EnvBlock:
    """Required `KEY=value` lines (and `# KEY=value` examples) above an env marker.

    apply inserts only what is missing: a required key counts as present only when
    an active line sets it (a `# KEY=` comment does not count), and an optional key
    when any line, active or commented, mentions it. When every required key is
    already active apply changes nothing, so a block never duplicates user lines.
    invert removes the header line and the lines after it that exactly match the
    block's lines, in order, inside the region between the previous marker and this
    one; everything else (user comments, keys set elsewhere) stays.
    """

    format: ClassVar[EnvFormat] = ENV_FORMAT

    marker: str
    required: tuple[tuple[str, str], ...]
    optional: tuple[tuple[str, str], ...] = ()
    header: str | None = None
    path: str = field(default=ENV_PATH)

    def __post_init__(self) -> None:
        if _marker_name(self.marker) is None:
            raise ValueError(f"not a polepos marker comment: {self.marker!r}")
        keys = [key for key, _ in self.required + self.optional]
        for key in keys:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
                raise ValueError(f"not an env key: {key!r}")
        if len(set(keys)) != len(keys):
            raise ValueError("an env key appears twice in one block")
        if not keys:
            raise ValueError("an env block needs at least one key")

    @property
    def header_line(self) -> str | None:
        """The header comment as it appears in the file."""
        if self.header is None:
            return None
        # Accept the header with or without its `#`, as the settings kind does.
        text = self.header.strip()
        return text if text.startswith("#") else f"# {text}"

    def block_lines(self) -> list[str]:
        """Every key line of the full block, without header or line endings."""
        lines = [f"{key}={value}" for key, value in self.required]
        lines += [f"# {key}={value}" for key, value in self.optional]
        return lines

    @property
    def owner(self) -> str:
        """Who needs the keys, for messages."""
        return f"the `{self.marker}` block"

    def collisions(
        self, document: EnvDocument, *, fresh: bool = False
    ) -> list[Collision]:
        """When fresh, every active line that already sets one of the block's keys:
        it is the user's, so `add` refuses instead of adopting it (and `remove`
        never deletes it). Otherwise none (keys set twice are PP-duplicates)."""
        if not fresh:
            return []
        active = document.active_keys()
        return sorted(
            Collision(line, key, "set")
            for key, _ in self.required + self.optional
            for line in active.get(key, [])
        )

    def _marker_index(self, document: EnvDocument) -> int:
        index = document.find_marker(self.marker)
        if index is None:
            raise WiringError(
                f"{self.path}: marker {self.marker!r} not found;"
                " restore it where the block belongs",
                path=self.path,
            )
        return index

    def _is_present(self, document: EnvDocument) -> bool:
        active = document.active_keys()
        if self.required:
            return all(key in active for key, _ in self.required)
        commented = document.commented_keys()
        return all(key in active or key in commented for key, _ in self.optional)

    def apply(self, document: EnvDocument) -> EnvDocument:
        """Insert the missing lines of the block directly above the marker."""
        marker = self._marker_index(document)
        if self._is_present(document):
            return document
        active = document.active_keys()
        commented = document.commented_keys()
        new = [f"{key}={value}" for key, value in self.required if key not in active]
        new += [
            f"# {key}={value}"
            for key, value in self.optional
            if key not in active and key not in commented
        ]
        if self.header_line is not None:
            new.insert(0, self.header_line)
        newline = document.newline
        return document.replace(marker, marker, [line + newline for line in new])

    def _region_start(self, document: EnvDocument, marker: int) -> int:
        for index in range(marker - 1, -1, -1):
            if _marker_name(document.content(index)) is not None:
                return index + 1
        return 0

    def _run(self, document: EnvDocument, start: int, stop: int) -> int:
        """How many lines from `start` match the block's lines in order."""
        expected = self.block_lines()
        position = 0
        count = 0
        for index in range(start, stop):
            content = document.content(index)
            while position < len(expected) and expected[position] != content:
                position += 1
            if position == len(expected):
                break
            position += 1
            count += 1
        return count

    def _locate(self, document: EnvDocument) -> tuple[int, int] | None:
        """The `[start, stop)` lines apply inserted, if the block is there."""
        marker = document.find_marker(self.marker)
        if marker is None:
            return None
        start = self._region_start(document, marker)
        if self.header_line is not None:
            # The header nearest the marker wins: later blocks are stacked below.
            for index in range(marker - 1, start - 1, -1):
                if document.content(index) == self.header_line:
                    count = self._run(document, index + 1, marker)
                    if count:
                        return index, index + 1 + count
            return None
        # Without a header the block is the last run of its lines in the region.
        found: tuple[int, int] | None = None
        index = start
        while index < marker:
            count = self._run(document, index, marker)
            if count:
                found = (index, index + count)
                index += count
            else:
                index += 1
        return found

    def invert(self, document: EnvDocument) -> EnvDocument:
        """Remove the header and block lines apply inserted; a no-op when absent."""
        located = self._locate(document)
        if located is None:
            return document
        return document.replace(located[0], located[1], [])

    def observe(self, document: EnvDocument) -> Observation:
        """PRESENT when all required keys are active, DUPLICATED if one is set twice."""
        active = document.active_keys()
        commented = document.commented_keys()
        if not self._is_present(document):
            keys = self.required or self.optional
            missing = [key for key, _ in keys if key not in active]
            lines = sorted(line for key in missing for line in commented.get(key, []))
            return Observation(
                Presence.ABSENT, tuple(lines), "missing: " + ", ".join(missing)
            )
        twice = [key for key, _ in self.required if len(active.get(key, [])) > 1]
        if twice:
            lines = sorted(line for key in twice for line in active[key])
            return Observation(
                Presence.DUPLICATED, tuple(lines), "set twice: " + ", ".join(twice)
            )
        lines = sorted(line for key, _ in self.required for line in active[key][:1])
        return Observation(Presence.PRESENT, tuple(lines))

    def check(self, document: EnvDocument) -> list[Finding]:
        """A finding per required key that is missing, only commented, or set twice."""
        active = document.active_keys()
        commented = document.commented_keys()
        marker = document.find_marker(self.marker)
        fixable = marker is not None
        marker_line = None if marker is None else marker + 1
        marker_hint = (
            "run `polepos check --fix`"
            if fixable
            else f"restore the {self.marker!r} marker, then run `polepos check --fix`"
        )
        findings: list[Finding] = []
        for key, value in self.required:
            if key in active:
                if len(active[key]) > 1:
                    findings.append(
                        codes.ENV_KEY_DUPLICATED.finding(
                            f"{key} is set {len(active[key])} times in {self.path}",
                            "keep one active line; the last one wins when loaded",
                            path=self.path,
                            line=active[key][1],
                        )
                    )
                continue
            if key in commented:
                findings.append(
                    codes.ENV_KEY_COMMENTED.finding(
                        f"{key} is only commented out in {self.path}",
                        f"uncomment it ({key}={value}) or {marker_hint}",
                        path=self.path,
                        line=commented[key][0],
                        fixable=fixable,
                    )
                )
            else:
                findings.append(
                    codes.ENV_KEY_MISSING.finding(
                        f"{key} is missing from {self.path}",
                        f"add {key}={value} above {self.marker!r} or {marker_hint}",
                        path=self.path,
                        line=marker_line,
                        fixable=fixable,
                    )
                )
        return findings
