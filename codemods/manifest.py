"""`.poleposition.toml`: reading the manifest and editing its entries with tomlkit.

The reader lives in `codemods.manifest_read` (re-exported here), so `check`
loads none of the entry operations below.

Layout (docs/manifest.md)::

    [poleposition]       package, db, and project feature flags (`auth = true`)
    [modules]            <module> = "<template>", e.g. "crud[pagination,timestamps]"
    [integrations]       <name> = true

Auth is a project-level feature, not an external system, so its flag lives in
`[poleposition]` rather than `[integrations]`. Entry operations need their table
to exist: they never create one, because an empty table they added could not be
told apart from one that was there, and the inverse would not be exact.
"""

from __future__ import annotations

import abc
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods.manifest_model import Manifest as Manifest
from codemods.manifest_model import format_module_template as format_module_template
from codemods.manifest_model import parse_module_template as parse_module_template
from codemods.manifest_read import HEADER as HEADER
from codemods.manifest_read import MANIFEST_PATH as MANIFEST_PATH
from codemods.manifest_read import module_name_problem as module_name_problem
from codemods.manifest_read import new_manifest as new_manifest
from codemods.manifest_read import read_manifest as read_manifest
from codemods.toml_lines import plain_line, scan
from codemods.toml_source import (
    TOML_FORMAT,
    TomlFormat,
    candidates_by_trailing_newline,
    copy_document,
    exact_preimage,
    line_of_key,
    line_of_table,
    newline_of,
)

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument


def _unwrap(found: object) -> object:
    return found.unwrap() if hasattr(found, "unwrap") else found


def _same(found: object, wanted: str | bool) -> bool:
    # `1 == True` in Python; a manifest value must match in type as well.
    return type(found) is type(wanted) and found == wanted


def _on_terminated(
    document: TOMLDocument, edit: Callable[[TOMLDocument], TOMLDocument]
) -> TOMLDocument:
    """Run `edit` on the text with a final newline, then take that newline off again.

    tomlkit appends after a last line that has no line break in ways that lose
    the difference between "no final newline" and "final newline"; editing the
    terminated text and restoring the missing newline keeps both apply and its
    inverse exact.
    """
    text = document.as_string()
    if not text or text.endswith("\n"):
        return edit(document)
    import tomlkit

    newline = newline_of(text)
    result = edit(tomlkit.parse(text + newline))
    rendered = result.as_string()
    if rendered == text + newline:
        return document
    if rendered.endswith(newline):
        return tomlkit.parse(rendered[: -len(newline)])
    return result


class _ManifestEntry(abc.ABC):
    """`key = value` in one manifest table: the shared three faces of every entry."""

    format: ClassVar[TomlFormat] = TOML_FORMAT
    # Only tables that start out absent may be created; see `_create_table`.
    creates_table: ClassVar[bool] = False
    path: str

    @property
    @abc.abstractmethod
    def table_name(self) -> str:
        """The table the entry lives in."""

    @property
    @abc.abstractmethod
    def key(self) -> str:
        """The entry's key."""

    @property
    @abc.abstractmethod
    def value(self) -> str | bool:
        """The entry's value."""

    # tomlkit types a table lookup as Any; callers use its mapping methods only.
    def _table(self, document: TOMLDocument) -> Any:
        table = document.get(self.table_name)
        if table is None or not hasattr(table, "get"):
            raise WiringError(
                f"{self.path}: no [{self.table_name}] table;"
                f" add an empty [{self.table_name}] table first",
                path=self.path,
            )
        return table

    def apply(self, document: TOMLDocument) -> TOMLDocument:
        """Add the entry at the end of its table; refuse if the key has other values."""
        return _on_terminated(document, self._apply)

    def _apply(self, document: TOMLDocument) -> TOMLDocument:
        if self.creates_table and document.get(self.table_name) is None:
            text = document.as_string()
            return self._create_table(text, newline_of(text))
        found = self._table(document).get(self.key)
        if found is not None:
            if _same(_unwrap(found), self.value):
                return document
            raise WiringError(
                f"{self.path}: [{self.table_name}] {self.key} is {found.unwrap()!r},"
                f" not {self.value!r}",
                path=self.path,
                line=line_of_key(document.as_string(), self.table_name, self.key),
            )
        text = document.as_string()
        newline = newline_of(text)
        result = copy_document(document)
        table = self._table(result)
        table[self.key] = self.value
        container = getattr(table, "value", None)
        if getattr(table, "trivia", None) is not None and container is not None:
            # tomlkit ends a new entry with LF; a CRLF file needs CRLF.
            container.item(self.key).trivia.trail = newline
        return result

    def _entry_line(self) -> str:
        import tomlkit

        key = tomlkit.key(self.key).as_string()
        return f"{key} = {tomlkit.item(self.value).as_string()}"

    def _create_table(self, text: str, newline: str) -> TOMLDocument:
        """Append `[table]` with the entry, in a shape that maps back to one text.

        The text ends in a newline here (see `_on_terminated`); one blank line
        always separates the new table, so two different texts never give the
        same result and invert can find the one it came from.
        """
        import tomlkit

        prefix = newline if text else ""
        header = f"[{tomlkit.key(self.table_name).as_string()}]"
        added = f"{prefix}{header}{newline}{self._entry_line()}{newline}"
        return tomlkit.parse(text + added)

    def _without_created_table(self, removed: TOMLDocument) -> list[TOMLDocument]:
        """Texts that `_create_table` could have started from, given the rest."""
        import tomlkit
        from tomlkit.exceptions import ParseError

        text = removed.as_string()
        header = f"[{tomlkit.key(self.table_name).as_string()}]"
        found: list[TOMLDocument] = []
        for ending in ("\r\n", "\n", ""):
            if text.endswith(header + ending):
                base = text[: len(text) - len(header + ending)]
                for cut in ("\r\n\r\n", "\n\n", "\r\n", "\n", ""):
                    start = base[: len(base) - len(cut)]
                    # `_apply` only ever sees terminated text (or none at all).
                    if base.endswith(cut) and (not start or start.endswith("\n")):
                        try:
                            found.append(tomlkit.parse(start))
                        except ParseError:
                            continue
                break
        return found

    def invert(self, document: TOMLDocument) -> TOMLDocument:
        """Remove the entry when it holds exactly this value; a no-op otherwise."""
        return _on_terminated(document, self._invert)

    def _invert(self, document: TOMLDocument) -> TOMLDocument:
        try:
            table = self._table(document)
        except WiringError:
            return document
        found = table.get(self.key)
        if found is None or not _same(_unwrap(found), self.value):
            return document
        removed = copy_document(document)
        del self._table(removed)[self.key]
        candidates: Iterable[TOMLDocument] = candidates_by_trailing_newline(removed)
        if self.creates_table and not self._table(removed):
            candidates = itertools.chain(
                self._without_created_table(removed), candidates
            )
        exact = exact_preimage(document, candidates, self._apply)
        return removed if exact is None else exact

    # Text faces (codemods._core.TextShortcut): the plain shape `polepos` writes
    # is edited on its lines, so add and remove need not import tomlkit. Each
    # answers exactly as the tomlkit face would, or None to leave it to that face.
    def apply_text(self, text: str) -> str | None:
        """The text after `apply`, when the file is in the plain shape."""
        plain = scan(text)
        if plain is None:
            return None
        table = plain.tables.get(self.table_name)
        if table is None:
            # Refusing is the tomlkit face's; creating the table is `_create_table`.
            return self._created_text(text) if self.creates_table else None
        found = table.entries.get(self.key)
        if found is not None:
            return text if _same(found[0], self.value) else None
        line = plain_line(self.key, self.value)
        if line is None:
            return None
        # tomlkit appends after the table's last key or comment, before any
        # blank lines that separate it from the next table.
        at = table.last_item + 1
        return "".join([*plain.lines[:at], line, *plain.lines[at:]])

    def invert_text(self, text: str) -> str | None:
        """The text after `invert`, when the file is in the plain shape."""
        plain = scan(text)
        if plain is None:
            return None
        table = plain.tables.get(self.table_name)
        found = None if table is None else table.entries.get(self.key)
        if table is None or found is None or not _same(found[0], self.value):
            return text
        if self.creates_table and len(table.entries) == 1:
            # The table goes with its last entry when the text is exactly what
            # `_create_table` made of the text before it: that text is the one
            # candidate of `_invert`'s exact-preimage search apply maps back
            # (tests/editors hold both faces equal). Otherwise, as below.
            start = "".join(plain.lines[: max(table.header - 1, 0)])
            if self._created_text(start) == text:
                return start
        # tomlkit's deletion drops the entry's line, and that is also the text
        # its exact-preimage search settles on (tests/editors hold both faces
        # equal), so `apply` gives `text` back whenever the entry was the last.
        at = found[1]
        return "".join([*plain.lines[:at], *plain.lines[at + 1 :]])

    def _created_text(self, text: str) -> str | None:
        """`_create_table(text, LF)` on lines, for a terminated text (or none)."""
        line = plain_line(self.key, self.value)
        if line is None or plain_line(self.table_name, "") is None:
            return None  # a key or table name tomlkit would quote
        prefix = "\n" if text else ""
        return f"{text}{prefix}[{self.table_name}]\n{line}"

    def check_text(self, text: str) -> list[Finding] | None:
        """Left to the tomlkit face, which words and locates the findings."""
        return None

    def observe(self, document: TOMLDocument) -> Observation:
        """PRESENT with this value, ABSENT without the key, UNMANAGED with another."""
        try:
            found = self._table(document).get(self.key)
        except WiringError as error:
            return Observation(Presence.ABSENT, (), error.message)
        if found is None:
            return Observation(Presence.ABSENT)
        line = line_of_key(document.as_string(), self.table_name, self.key)
        lines = () if line is None else (line,)
        if _same(_unwrap(found), self.value):
            return Observation(Presence.PRESENT, lines)
        return Observation(
            Presence.UNMANAGED, lines, f"{self.key} = {_unwrap(found)!r}"
        )

    def check(self, document: TOMLDocument) -> list[Finding]:
        """A finding when the entry is missing or records another value."""
        import tomlkit

        text = document.as_string()
        try:
            found = self._table(document).get(self.key)
        except WiringError as error:
            return [
                codes.MANIFEST_MISSING_KEY.finding(
                    error.message,
                    f"add an empty [{self.table_name}] table",
                    path=self.path,
                )
            ]
        wanted = tomlkit.item(self.value).as_string()
        if found is None:
            return [
                codes.MANIFEST_ENTRY_MISSING.finding(
                    f"{self.path}: [{self.table_name}] lacks {self.key} = {wanted}",
                    "run `polepos check --fix`",
                    path=self.path,
                    line=line_of_table(text, self.table_name),
                )
            ]
        if not _same(_unwrap(found), self.value):
            return [
                codes.MANIFEST_ENTRY_MISSING.finding(
                    f"{self.path}: [{self.table_name}] {self.key} is"
                    f" {tomlkit.item(found).as_string()}, expected {wanted}",
                    "correct the entry by hand",
                    path=self.path,
                    line=line_of_key(text, self.table_name, self.key),
                    fixable=False,
                )
            ]
        return []


@dataclass(frozen=True)
class ManifestModule(_ManifestEntry):
    """`<name> = "<template>"` under `[modules]`; the template string is given."""

    name: str
    template: str
    path: str = field(default=MANIFEST_PATH)

    def __post_init__(self) -> None:
        parse_module_template(self.template)

    @property
    def table_name(self) -> str:
        """Modules live in `[modules]`."""
        return "modules"

    @property
    def key(self) -> str:
        """The module name."""
        return self.name

    @property
    def value(self) -> str:
        """The template string."""
        return self.template


@dataclass(frozen=True)
class ManifestIntegration(_ManifestEntry):
    """`<name> = true` under `[integrations]`."""

    name: str
    path: str = field(default=MANIFEST_PATH)

    @property
    def table_name(self) -> str:
        """Integrations live in `[integrations]`."""
        return "integrations"

    @property
    def key(self) -> str:
        """The integration name."""
        return self.name

    @property
    def value(self) -> bool:
        """Always true: a recorded integration is installed."""
        return True


@dataclass(frozen=True)
class ManifestFlag(_ManifestEntry):
    """A `key = value` flag, by default in `[poleposition]` (e.g. `auth = true`)."""

    flag: str
    setting: str | bool = True
    table: str = "poleposition"
    path: str = field(default=MANIFEST_PATH)

    @property
    def table_name(self) -> str:
        """The table holding the flag."""
        return self.table

    @property
    def key(self) -> str:
        """The flag's key."""
        return self.flag

    @property
    def value(self) -> str | bool:
        """The flag's value."""
        return self.setting


@dataclass(frozen=True)
class ManifestDetached(ManifestModule):
    """`<name> = "<template>"` under `[detached]`: a module kept after `--wiring-only`.

    `[detached]` is absent until the first detached module, so this entry
    creates the table (appended at the end of the file) and its inverse drops
    the table again once it is empty.
    """

    creates_table: ClassVar[bool] = True

    @property
    def table_name(self) -> str:
        """Detached modules live in `[detached]`."""
        return "detached"
