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
from bisect import bisect_left
from collections.abc import Callable, Mapping
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
_PLAIN_PATHS = rf"{_PLAIN_PATH}(?:\x00{_PLAIN_PATH})*"


def _all_plain_paths(files: Mapping[str, object]) -> bool:
    """True when no path needs `path_problem`'s closer look (one C-level match)."""
    if not files:
        return True
    joined = "\x00".join(files)
    # A NUL inside a path would pass as the separator: only the joins may be NULs.
    if joined.count("\x00") != len(files) - 1:
        return False
    return re.compile(_PLAIN_PATHS).fullmatch(joined) is not None


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
# escapes, no control characters). Anything else goes to tomllib. These and the
# block patterns below serve only locks `_canonical_document` declines, so they
# are compiled on use (`re` keeps them), not on every import.
_PLAIN = r'"[^"\\\x00-\x1f\x7f]*"'
_PART = rf"(?:[A-Za-z0-9_-]+|{_PLAIN})"
_HEADER_LINE = rf"\[({_PART}(?:\.{_PART})*)\]"
_PAIR_LINE = rf"({_PART}) = ({_PLAIN})"
_COMMENT_LINE = r"#[^\x00-\x08\x0a-\x1f\x7f]*"
_SPLIT_PARTS = rf"{_PART}"


# One owner as `render` writes it with bare names and plain strings: the whole
# canonical lock is the header and these blocks back to back, matched in C.
_NAME = r"[A-Za-z0-9_-]+"
_OWNER_BLOCK = (
    rf"\n\[({_NAME})\.({_NAME})\]\n"
    rf"((?:{_NAME} = {_PLAIN}\n)*)"
    rf"\n\[\1\.\2\.files\]\n"
    rf"((?:{_PLAIN} = {_PLAIN}\n)*)"
)
_NOTE_PAIR = rf"({_NAME}) = \"([^\"\n]*)\"\n"
_FILE_PAIR = r"\"([^\"\n]*)\" = \"([^\"\n]*)\"\n"


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
    note_pair, file_pair = re.compile(_NOTE_PAIR), re.compile(_FILE_PAIR)
    for block in re.compile(_OWNER_BLOCK).finditer(body, position):
        if block.start() != position:
            return None
        position = block.end()
        section, owner, notes_text, files_text = block.groups()
        owners = data.setdefault(section, {})
        notes = dict(note_pair.findall(notes_text))
        files = dict(file_pair.findall(files_text))
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
    comment_line, pair_line = re.compile(_COMMENT_LINE), re.compile(_PAIR_LINE)
    header_line, split_parts = re.compile(_HEADER_LINE), re.compile(_SPLIT_PARTS)
    data: dict[str, Any] = {}
    declared: set[tuple[str, ...]] = set()
    table = data
    lines = body.split("\n")
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        if not line or line.startswith("#"):
            if line and not comment_line.fullmatch(line):
                return None
            continue
        pair = pair_line.fullmatch(line)
        if pair is not None:
            key = _unquoted(pair.group(1))
            if key in table:
                return None
            table[key] = pair.group(2)[1:-1]
            continue
        header = header_line.fullmatch(line)
        if header is None:
            return None
        path = tuple(_unquoted(p) for p in split_parts.findall(header.group(1)))
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


# The exact text `LockFormat.render` writes for a well-formed lock whose names
# are bare and whose paths are plain (every lock `polepos` writes), checked in
# one C-level match: owners (`[a.b]`, `[a.b.files]`), notes and files. What it
# leaves open (order, repeats, lengths) `_canonical_document` checks per owner
# with list and dict operations, never line by line in Python.
_RENDERED_NAME = r"[A-Za-z0-9_-]+"
# A path part is never `.` or `..` (the lookahead). Its length (at most
# NAME_MAX) is checked apart: a bounded repeat here made the match five times
# slower.
_RENDERED_PART = r'(?!\.\.?[/"])[A-Za-z0-9_.-]+'
_RENDERED_BLOCKS = (
    rf"(?:\n\[{_RENDERED_NAME}\.{_RENDERED_NAME}\]\n"
    rf"(?:{_RENDERED_NAME} = {_PLAIN}\n)*"
    rf"\n\[{_RENDERED_NAME}\.{_RENDERED_NAME}\.files\]\n"
    rf"(?:\"{_RENDERED_PART}(?:/{_RENDERED_PART})*\" = {_PLAIN}\n)*)*"
)

Key = tuple[str, str]  # (section, owner)


def _canonical_document(body: str) -> tuple[LockDocument, list[Key]] | None:
    """The document of a lock that is exactly `LockFormat().render(document)` and
    has nothing for `_validated` to report, with its owners in order; None for
    any other text (the general readers decide).

    One match checks the shape of the whole text; each owner then costs a few
    list and dict operations (order, repeats, lengths), none per line.
    """
    if (
        not body.startswith(HEADER)
        or "\r" in body
        or re.compile(_RENDERED_BLOCKS).fullmatch(body, len(HEADER)) is None
    ):
        return None
    document = LockDocument()
    keys: list[Key] = []
    # Each owner is two chunks: `a.b]` with its notes, `a.b.files]` with its files.
    chunks = body.split("\n\n[")
    notes_seen: dict[str, dict[str, str] | None] = {}
    for index in range(1, len(chunks), 2):
        head, _, notes_text = chunks[index].partition("\n")
        name = head[:-1]
        section, owner = name.split(".")
        key = (section, owner)
        if (keys and keys[-1] >= key) or len(name) > NAME_MAX:
            return None
        keys.append(key)
        notes = notes_seen.get(notes_text, _UNSEEN)
        if notes is _UNSEEN:  # most owners share their notes: read them once
            notes = notes_seen[notes_text] = _rendered_notes(notes_text)
        # `"path" = "hash"` lines split on quotes into the header, then path,
        # ` = `, hash and newline for each file.
        parts = chunks[index + 1].split('"')
        paths = parts[1::4]
        files = dict(zip(paths, parts[3::4], strict=True))
        if (
            notes is None
            or not parts[0].startswith(name + ".files]")
            or len(files) != len(paths)
            or paths != sorted(paths)
            or max(map(len, paths), default=0) > NAME_MAX
        ):
            return None
        document.setdefault(section, {})[owner] = {**notes, "files": files}
    return document, keys


_UNSEEN: dict[str, str] = {}


def _rendered_notes(text: str) -> dict[str, str] | None:
    """An owner's `key = "value"` lines as `render` writes them; None otherwise.

    Lines sort as their keys do (key characters sort after the space that ends
    a key), so sorted lines with distinct keys are the order `render` writes.
    """
    lines = text.split("\n") if text else []
    notes = {
        key: value[1:-1] for key, value in (line.split(" = ", 1) for line in lines)
    }
    if len(notes) != len(lines) or "files" in notes or lines != sorted(lines):
        return None
    return notes


# The last text `read_lock` read, its result, and its owners in order when it
# is canonical (`_canonical_document`): a command reads the lock for its plan
# and parses it again for its edits, and the second read of the same text (a
# 200-module lock is 200 kB) takes a string comparison; the text faces of
# `GeneratedFiles` splice into it. Documents are never mutated (every
# operation copies), so sharing one is safe.
_last_read: tuple[str, LockDocument, tuple[Finding, ...], list[Key] | None] | None = (
    None
)


def read_lock(text: str) -> tuple[LockDocument, list[Finding]]:
    """Read lock text; problems become findings, never exceptions."""
    document, problems, _ = _read_remembered(text)
    return document, list(problems)


def _read_remembered(
    text: str,
) -> tuple[LockDocument, tuple[Finding, ...], list[Key] | None]:
    global _last_read
    last = _last_read
    if last is None or last[0] != text:
        last = _last_read = (text, *_read_lock(text))
    return last[1], last[2], last[3]


def _read_lock(
    text: str,
) -> tuple[LockDocument, tuple[Finding, ...], list[Key] | None]:
    body = strip_bom(text)
    canonical = _canonical_document(body)
    if canonical is not None:
        return canonical[0], (), canonical[1]
    document, problems = _read_general(body)
    return document, tuple(problems), None


def _read_general(body: str) -> tuple[LockDocument, list[Finding]]:
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
            entries = document[section]
            chunks.extend(
                _render_owner(section, owner, entries[owner])
                for owner in sorted(entries)
            )
        text = "".join(chunks)
        newline = getattr(document, "newline", "\n")
        return text if newline == "\n" else text.replace("\n", newline)


def _render_owner(section: str, owner: str, entry: LockEntry) -> str:
    """One owner's block of the canonical text (LF), as `render` writes it."""
    chunks = [f"\n[{_key(section)}.{_key(owner)}]\n"]
    chunks.extend(
        f"{_key(key)} = {_quote(str(entry[key]))}\n"
        for key in sorted(k for k in entry if k != "files")
    )
    files: Mapping[str, str] = entry.get("files", {})
    chunks.append(f"\n[{_key(section)}.{_key(owner)}.files]\n")
    chunks.extend(f"{_quote(path)} = {_quote(files[path])}\n" for path in sorted(files))
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

    def _entry(self) -> LockEntry:
        entry: LockEntry = {"files": dict(self.files), **dict(self.notes)}
        if self.template:
            entry["template"] = self.template
        if self.version:
            entry["polepos"] = self.version
        return entry

    def apply(self, document: LockData) -> LockDocument:
        """Record the owner's files, replacing an older record of the same owner."""
        updated = _copy(document)
        updated.setdefault(self.section, {})[self.owner] = self._entry()
        return updated

    def invert(self, document: LockData) -> LockDocument:
        """Forget the owner; drop its section when it becomes empty."""
        updated = _copy(document)
        entries = updated.get(self.section, {})
        entries.pop(self.owner, None)
        if not entries:
            updated.pop(self.section, None)
        return updated

    # -- text faces (codemods._core.TextShortcut) -------------------------------
    # A canonical lock is its owners' blocks in sorted order, so `render` of the
    # edited document is the text with one block replaced, added or cut: the
    # other owners are neither built nor rendered.
    def apply_text(self, text: str) -> str | None:
        """The text after `apply`: this owner's block spliced into canonical text."""
        return _splice(text, self, self.apply)

    def invert_text(self, text: str) -> str | None:
        """The text after `invert`: this owner's block cut from canonical text."""
        return _splice(text, self, self.invert)

    def check_text(self, text: str) -> list[Finding] | None:
        """None: `check` reads the parsed lock (`read_lock` remembers it)."""
        return None

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


def _splice(
    text: str, operation: GeneratedFiles, step: Callable[[LockData], LockDocument]
) -> str | None:
    """`LockFormat().render(step(document))` of the lock `text`, rendering only
    the operation's owner; None unless `text` is canonical (in LF or CRLF)."""
    global _last_read
    crlf = "\r" in text
    base = text.replace("\r\n", "\n") if crlf else text
    if crlf:
        # `render` writes the first line's ending everywhere (`newline_of`).
        from codemods.toml_source import newline_of

        if "\r" in base or newline_of(text) != "\r\n":
            return None
    if base:
        document, _, known = _read_remembered(base)
        if known is None:
            return None
        keys = known
    else:  # an empty file is an empty lock: `render` writes the header alone
        document, keys, base = LockDocument(), [], HEADER
    key = (operation.section, operation.owner)
    index = bisect_left(keys, key)
    present = index < len(keys) and keys[index] == key
    start = base.find(_owner_header(keys[index])) if index < len(keys) else len(base)
    end = start
    if present:
        end = (
            base.find(_owner_header(keys[index + 1]), start)
            if index + 1 < len(keys)
            else len(base)
        )
    if start < 0 or end < 0:
        return None
    updated = step(document)
    entry = updated.get(operation.section, {}).get(operation.owner)
    block = "" if entry is None else _render_owner(*key, entry)
    # Only an edit whose text is canonical again answers: a later step's parse
    # of it (a step without a text face) then reads the very document the
    # steps made, as if the whole lock had been parsed once and rendered.
    if entry is not None and not _reads_back(block, *key, entry):
        return None
    edited = base[:start] + block + base[end:]
    spliced = [*keys[:index], key] if entry is not None else keys[:index]
    _last_read = (edited, updated, (), [*spliced, *keys[index + present :]])
    return edited.replace("\n", "\r\n") if crlf else edited


def _owner_header(key: Key) -> str:
    return f"\n[{key[0]}.{key[1]}]\n"


def _reads_back(block: str, section: str, owner: str, entry: LockEntry) -> bool:
    """True when one rendered block is canonical and reads back as `entry`."""
    read = _canonical_document(HEADER + block)
    return read is not None and read[0] == {section: {owner: entry}}
