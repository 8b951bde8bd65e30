"""`.poleposition.lock`: content hashes of generated files (docs/manifest.md).

`remove` compares a generated file with the hash recorded when it was
generated, never with a fresh render of the current templates, so a module
made by an older PolePosition is still recognised as unmodified after the
templates change. The file is owned by the tool and always rendered in one
canonical form (sorted, fixed layout), which makes every inverse exact by
construction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods.containment import NAME_MAX, name_problem, path_problem
from codemods.encoding import strip_bom

LOCK_PATH = ".poleposition.lock"
HEADER = (
    "# Written by polepos: content hashes of generated files, so that `remove`\n"
    "# can tell generated files from edited ones. Do not edit by hand.\n"
)

# One owner's table: `files` (path -> hash) plus free-form TOML notes, so its
# values are whatever TOML holds (strings, tables, arrays).
LockEntry = dict[str, Any]
LockData = dict[str, dict[str, LockEntry]]
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class LockDocument(dict[str, dict[str, LockEntry]]):
    """Lock data that remembers the line ending its file used (LF or CRLF)."""

    newline: str = "\n"


def content_hash(text: str | bytes) -> str:
    """The hash recorded for a generated file's content."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    from codemods.digest import sha256_hex  # on use: a plain check does not hash

    return "sha256:" + sha256_hex(data)


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _key(value: str) -> str:
    return value if _BARE_KEY.match(value) else _quote(value)


def _copy(document: LockData) -> LockDocument:
    copied = LockDocument(
        (section, dict(entries)) for section, entries in document.items()
    )
    copied.newline = getattr(document, "newline", "\n")
    return copied


# Relative paths of parts that start with a letter, digit, `_` or `-`: none can
# be empty, `.`, `..`, absolute or longer than NAME_MAX bytes (ASCII only), so
# `path_problem` has nothing to say about them. Paths are joined by NUL, which
# no path may hold, and checked in one match.
_PLAIN_PART = rf"[A-Za-z0-9_-][A-Za-z0-9_.-]{{0,{NAME_MAX - 1}}}"
_PLAIN_PATH = rf"{_PLAIN_PART}(?:/{_PLAIN_PART})*"
_PLAIN_PATHS = re.compile(rf"{_PLAIN_PATH}(?:\x00{_PLAIN_PATH})*")


def _all_plain_paths(files: Mapping[str, object]) -> bool:
    """True when no path needs `path_problem`'s closer look (one C-level match)."""
    if not files:
        return True
    joined = "\x00".join(files)
    # A NUL inside a path would pass as the separator: only the joins may be NULs.
    if joined.count("\x00") != len(files) - 1:
        return False
    return _PLAIN_PATHS.fullmatch(joined) is not None


def _validated(data: dict[str, object]) -> tuple[LockDocument, list[Finding]]:
    """The well-formed part of parsed lock data, and a finding per problem."""
    document = LockDocument()
    problems: list[Finding] = []

    def damaged(message: str) -> None:
        problems.append(
            codes.LOCK_DAMAGED.finding(
                f"{LOCK_PATH}: {message}",
                "Restore it from version control; mutating commands refuse until "
                "then.",
                LOCK_PATH,
            )
        )

    for section, entries in data.items():
        if not isinstance(entries, dict):
            damaged(f"{section} must be a table of owners, not {entries!r}")
            continue
        kept: dict[str, LockEntry] = {}
        for owner, entry in entries.items():
            where = f"[{section}.{owner}]"
            if name_problem(owner) is not None:
                damaged(f"{where}: {owner!r} is not a valid owner name")
                continue
            if not isinstance(entry, dict):
                damaged(f"{where} must be a table, not {entry!r}")
                continue
            files = entry.get("files", {})
            if not isinstance(files, dict):
                damaged(f"{where} files must be a table of paths, not {files!r}")
                continue
            bad = [
                k for k, v in entry.items() if k != "files" and not isinstance(v, str)
            ]
            if bad:
                damaged(f"{where} {bad[0]} must be a string")
                continue
            escaping = (
                []
                if _all_plain_paths(files)
                else [(p, path_problem(p)) for p in files if path_problem(p)]
            )
            if escaping:
                path, problem = escaping[0]
                problems.append(
                    codes.PATH_OUTSIDE_PROJECT.finding(
                        f"{LOCK_PATH}: {where} records the path {path!r}, which "
                        f"{problem}",
                        "Restore the lock from version control; PolePosition never "
                        "touches a path outside the project.",
                        LOCK_PATH,
                    )
                )
                continue
            if any(not isinstance(value, str) for value in files.values()):
                damaged(f"{where} files must map paths to hash strings")
                continue
            kept[owner] = {**entry, "files": dict(files)}
        document[section] = kept
    return document, problems


# The lines of the canonical lock: comments, blank lines, `[a.b]` headers and
# `key = "value"` pairs whose keys and values are bare or plain basic strings (no
# escapes, no control characters). Anything else goes to tomllib.
_PLAIN = r'"[^"\\\x00-\x1f\x7f]*"'
_PART = rf"(?:[A-Za-z0-9_-]+|{_PLAIN})"
_HEADER_LINE = re.compile(rf"\[({_PART}(?:\.{_PART})*)\]")
_PAIR_LINE = re.compile(rf"({_PART}) = ({_PLAIN})")
_COMMENT_LINE = re.compile(r"#[^\x00-\x08\x0a-\x1f\x7f]*")
_SPLIT_PARTS = re.compile(rf"{_PART}")


# One owner as `render` writes it with bare names and plain strings: the whole
# canonical lock is the header and these blocks back to back, matched in C.
_NAME = r"[A-Za-z0-9_-]+"
_OWNER_BLOCK = re.compile(
    rf"\n\[({_NAME})\.({_NAME})\]\n"
    rf"((?:{_NAME} = {_PLAIN}\n)*)"
    rf"\n\[\1\.\2\.files\]\n"
    rf"((?:{_PLAIN} = {_PLAIN}\n)*)"
)
_NOTE_PAIR = re.compile(rf"({_NAME}) = \"([^\"\n]*)\"\n")
_FILE_PAIR = re.compile(r"\"([^\"\n]*)\" = \"([^\"\n]*)\"\n")


def _canonical_toml(body: str) -> dict[str, Any] | None:
    """`_plain_toml`'s result for the exact text `render` writes; None otherwise.

    A 200-module lock has thousands of lines; reading them one by one in
    Python took most of a `remove module`'s lock cost. Here each owner is one
    regular-expression match and its pairs one `findall`.
    """
    if not body.startswith(HEADER) or "\r" in body:
        return None
    data: dict[str, Any] = {}
    position = len(HEADER)
    for block in _OWNER_BLOCK.finditer(body, position):
        if block.start() != position:
            return None
        position = block.end()
        section, owner, notes_text, files_text = block.groups()
        owners = data.setdefault(section, {})
        notes = dict(_NOTE_PAIR.findall(notes_text))
        files = dict(_FILE_PAIR.findall(files_text))
        # A repeated owner, key or path is a TOML error: tomllib reports it.
        if owner in owners or "files" in notes:
            return None
        if len(notes) != notes_text.count("\n") or len(files) != files_text.count("\n"):
            return None
        owners[owner] = {**notes, "files": files}
    return data if position == len(body) else None


def _unquoted(part: str) -> str:
    return part[1:-1] if part.startswith('"') else part


def _plain_toml(body: str) -> dict[str, Any] | None:
    """tomllib's result for lock text in the canonical layout; None for any other.

    tomllib is pure Python: the lock of a 200-module project (thousands of
    lines) took a third of a second to parse, and every command reads it. The
    canonical layout is all `render` writes, so reading it takes a line scan;
    whatever it does not cover (escapes, arrays, dotted keys, a table defined
    twice, a key repeated, stray carriage returns) goes to tomllib, which also
    reports the errors.
    """
    data: dict[str, Any] = {}
    declared: set[tuple[str, ...]] = set()
    table = data
    lines = body.split("\n")
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        if not line or line.startswith("#"):
            if line and not _COMMENT_LINE.fullmatch(line):
                return None
            continue
        pair = _PAIR_LINE.fullmatch(line)
        if pair is not None:
            key = _unquoted(pair.group(1))
            if key in table:
                return None
            table[key] = pair.group(2)[1:-1]
            continue
        header = _HEADER_LINE.fullmatch(line)
        if header is None:
            return None
        path = tuple(_unquoted(p) for p in _SPLIT_PARTS.findall(header.group(1)))
        if path in declared:
            return None
        declared.add(path)
        table = data
        for part in path:
            child = table.setdefault(part, {})
            if not isinstance(child, dict):
                return None
            table = child
    if "\r" in body.replace("\r\n", ""):
        return None
    return data


# The last text `read_lock` read and its result: a command reads the lock for
# its plan and parses it again for its edits, and the second read of the same
# text (a 200-module lock is 200 kB) takes a string comparison. Documents are
# never mutated (every operation copies), so sharing one is safe.
_last_read: tuple[str, LockDocument, tuple[Finding, ...]] | None = None


def read_lock(text: str) -> tuple[LockDocument, list[Finding]]:
    """Read lock text; problems become findings, never exceptions."""
    global _last_read
    last = _last_read
    if last is not None and last[0] == text:
        return last[1], list(last[2])
    document, problems = _read_lock(text)
    _last_read = (text, document, tuple(problems))
    return document, problems


def _read_lock(text: str) -> tuple[LockDocument, list[Finding]]:
    body = strip_bom(text)
    data = _canonical_toml(body)
    if data is None:
        data = _plain_toml(body)
    if data is None:
        # Imported here: the canonical lock never needs it.
        import tomllib

        try:
            data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            finding = codes.LOCK_DAMAGED.finding(
                f"{LOCK_PATH} is not valid TOML ({exc})",
                "Restore it from version control; mutating commands refuse until "
                "then.",
                LOCK_PATH,
            )
            return LockDocument(), [finding]
    document, problems = _validated(data)
    # Imported here: a warm `check` reads the lock only through its cache, and
    # tomlkit (behind newline_of) costs more than the rest of such a run.
    from codemods.toml_source import newline_of

    document.newline = newline_of(body)
    return document, problems


class LockFormat:
    """Parses with tomllib; renders the canonical text."""

    name = "lock"

    def parse(self, text: str) -> LockDocument:
        """Read the lock; an empty file is an empty lock; a damaged one is refused."""
        document, problems = read_lock(text)
        if problems:
            raise WiringError(problems[0].message)
        return document

    def render(self, document: LockData) -> str:
        """Render sections, owners and files in sorted order, in the file's newline."""
        chunks = [HEADER]
        for section in sorted(document):
            for owner in sorted(document[section]):
                entry = document[section][owner]
                chunks.append(f"\n[{_key(section)}.{_key(owner)}]\n")
                chunks.extend(
                    f"{_key(key)} = {_quote(str(entry[key]))}\n"
                    for key in sorted(k for k in entry if k != "files")
                )
                files: Mapping[str, str] = entry.get("files", {})
                chunks.append(f"\n[{_key(section)}.{_key(owner)}.files]\n")
                chunks.extend(
                    f"{_quote(path)} = {_quote(files[path])}\n"
                    for path in sorted(files)
                )
        text = "".join(chunks)
        newline = getattr(document, "newline", "\n")
        return text if newline == "\n" else text.replace("\n", newline)


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

    def _entry(self) -> LockEntry:
        entry: LockEntry = {"files": dict(self.files), **dict(self.notes)}
        if self.template:
            entry["template"] = self.template
        if self.version:
            entry["polepos"] = self.version
        return entry

    def apply(self, document: LockData) -> LockData:
        """Record the owner's files, replacing an older record of the same owner."""
        updated = _copy(document)
        updated.setdefault(self.section, {})[self.owner] = self._entry()
        return updated

    def invert(self, document: LockData) -> LockData:
        """Forget the owner; drop its section when it becomes empty."""
        updated = _copy(document)
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
