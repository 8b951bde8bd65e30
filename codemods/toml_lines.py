"""The plain TOML PolePosition writes, read line by line without tomlkit.

tomlkit is the manifest's editor of record, but importing it and parsing a
200-module manifest with it costs more than the rest of `remove module`.
Files in the shape the tool writes (comments, blank lines, `[table]` headers,
`key = "string"` / `key = true` pairs, an optional trailing comment) are read
here instead; `scan` returns None for anything else (escapes, arrays, inline
or dotted tables, repeated keys or tables, CR line endings, indentation,
whitespace-only lines, a missing final newline), and the caller falls back to
tomlkit, which also reports the errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BARE = r"[A-Za-z0-9_-]+"
# A basic string holding printable ASCII only: no escapes to interpret.
_STRING = r'"[ !#-\[\]-~]*"'
_COMMENT = r"(?:[ \t]+#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_HEADER = re.compile(rf"\[({_BARE})\]")
_PAIR = re.compile(rf"({_BARE}) = ({_STRING}|true|false){_COMMENT}")
_COMMENT_LINE = re.compile(r"#[^\x00-\x08\x0a-\x1f\x7f]*")

PlainValue = str | bool


@dataclass
class PlainTable:
    """One `[table]`: its header line and its entries, all as line indexes."""

    header: int  # index of the `[name]` line in `PlainToml.lines`
    entries: dict[str, tuple[PlainValue, int]] = field(default_factory=dict)
    # The last line of the table's body that is not blank (the header when none).
    last_item: int = 0


@dataclass
class PlainToml:
    """A scanned file: its lines (each ending in LF) and its tables in order."""

    lines: list[str]
    tables: dict[str, PlainTable]
    # Pairs before the first header would be root keys: never written, never read.

    def data(self) -> dict[str, dict[str, PlainValue]]:
        """The document as plain Python values, as tomlkit's `unwrap` gives it."""
        return {
            name: {key: value for key, (value, _) in table.entries.items()}
            for name, table in self.tables.items()
        }

    def text(self) -> str:
        """The file's text."""
        return "".join(self.lines)


def _value(raw: str) -> PlainValue:
    if raw == "true":
        return True
    if raw == "false":
        return False
    return raw[1:-1]


# The last text scanned and its result: a command's state, planner and text
# faces each read the same manifest (six scans of it in `add field`).
_last: tuple[str, PlainToml | None] | None = None


def scan(text: str) -> PlainToml | None:
    """The file in the plain shape, or None when only a TOML parser can read it.

    The result is shared with the next caller of the same text: read it, never
    change it.
    """
    global _last
    if _last is not None and _last[0] == text:
        return _last[1]
    found = _scan(text)
    _last = (text, found)
    return found


def _scan(text: str) -> PlainToml | None:
    if not text.endswith("\n") or "\r" in text:
        return None
    lines = text.splitlines(keepends=True)
    tables: dict[str, PlainTable] = {}
    table: PlainTable | None = None
    for index, line in enumerate(lines):
        body = line[:-1]
        if not body:
            continue
        if body[0] == "#":
            if not _COMMENT_LINE.fullmatch(body):
                return None
            if table is not None:
                table.last_item = index
            continue
        pair = _PAIR.fullmatch(body)
        if pair is not None:
            key = pair.group(1)
            if table is None or key in table.entries:
                return None
            table.entries[key] = (_value(pair.group(2)), index)
            table.last_item = index
            continue
        header = _HEADER.fullmatch(body)
        if header is None or header.group(1) in tables:
            return None
        table = PlainTable(header=index, last_item=index)
        tables[header.group(1)] = table
    return PlainToml(lines, tables)


def plain_line(key: str, value: PlainValue) -> str | None:
    """`key = value` as tomlkit writes it, or None when it would need quoting."""
    if not re.fullmatch(_BARE, key):
        return None
    if isinstance(value, bool):
        return f"{key} = {'true' if value else 'false'}\n"
    rendered = f'"{value}"'
    if not re.fullmatch(_STRING, rendered):
        return None
    return f"{key} = {rendered}\n"
