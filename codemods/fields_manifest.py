"""`[fields]` in `.poleposition.toml`: the fields `polepos add field` added.

One entry per module, its specs in the order they were added::

    [fields]
    customers = "email:str:unique phone:str:optional"

The table is appended when the first field is added and dropped with the
last one (like `[detached]`). Changing a module's list replaces the value in
place, so keys keep their order and every inverse is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from codemods._core import Finding, Observation, Presence, WiringError
from codemods.fields_spec import FieldSpec, FieldSpecError, parse_field_spec
from codemods.manifest import MANIFEST_PATH, _ManifestEntry
from codemods.toml_lines import plain_line, scan
from codemods.toml_source import TOML_FORMAT, TomlFormat, copy_document, line_of_key

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

TABLE = "fields"


@dataclass(frozen=True)
class _FieldsEntry(_ManifestEntry):
    creates_table: ClassVar[bool] = True
    module: str
    specs: str
    path: str = field(default=MANIFEST_PATH)

    @property
    def table_name(self) -> str:
        return TABLE

    @property
    def key(self) -> str:
        return self.module

    @property
    def value(self) -> str:
        return self.specs


def join_specs(specs: tuple[FieldSpec, ...]) -> str:
    """The manifest value of a module's fields."""
    return " ".join(spec.text for spec in specs)


def recorded_fields(document: object) -> dict[str, str]:
    """`{module: value}` of the `[fields]` table as plain Python values."""
    table = document.get(TABLE) if hasattr(document, "get") else None
    if table is None or not hasattr(table, "items"):
        return {}
    return {
        str(key): value.unwrap() if hasattr(value, "unwrap") else value
        for key, value in table.items()
    }


def parse_recorded(value: object) -> tuple[FieldSpec, ...]:
    """The specs of one `[fields]` value; `FieldSpecError` when it is malformed."""
    if not isinstance(value, str):
        raise FieldSpecError(f"{value!r} is not a string of field specs")
    return tuple(parse_field_spec(part) for part in value.split())


@dataclass(frozen=True)
class ManifestFields:
    """Change one module's `[fields]` value from `before` to `after` ("" = absent)."""

    module: str
    before: str
    after: str
    path: str = MANIFEST_PATH
    format: ClassVar[TomlFormat] = TOML_FORMAT

    def _current(self, document: TOMLDocument) -> str:
        found = recorded_fields(document).get(self.module)
        return "" if found is None else str(found)

    def _change(self, document: TOMLDocument, old: str, new: str) -> TOMLDocument:
        current = self._current(document)
        if current == new:
            return document
        if current != old:
            raise WiringError(
                f"{self.path}: [{TABLE}] {self.module} is {current!r}, "
                f"expected {old!r}",
                path=self.path,
                line=line_of_key(document.as_string(), TABLE, self.module),
            )
        if not old:
            return _FieldsEntry(self.module, new, self.path).apply(document)
        if not new:
            return _FieldsEntry(self.module, old, self.path).invert(document)
        result = copy_document(document)
        result[TABLE][self.module] = new  # tomlkit keeps position and comment
        return result

    def apply(self, document: TOMLDocument) -> TOMLDocument:
        """Record `after`."""
        return self._change(document, self.before, self.after)

    def invert(self, document: TOMLDocument) -> TOMLDocument:
        """Record `before` again."""
        return self._change(document, self.after, self.before)

    def _change_text(self, text: str, old: str, new: str) -> str | None:
        # `_change` on lines, for the plain shape (see `_ManifestEntry.apply_text`).
        plain = scan(text)
        if plain is None:
            return None
        table = plain.tables.get(TABLE)
        found = None if table is None else table.entries.get(self.module)
        current = "" if found is None else str(found[0])
        if current == new:
            return text
        if current != old:
            return None  # the tomlkit face refuses, with the line
        if not old:
            return _FieldsEntry(self.module, new, self.path).apply_text(text)
        if not new:
            return _FieldsEntry(self.module, old, self.path).invert_text(text)
        line = plain_line(self.module, new)
        if found is None or not isinstance(found[0], str) or line is None:
            return None
        # tomlkit replaces the string and keeps the rest of the line (spacing,
        # comment) as it was.
        at = found[1]
        rest = plain.lines[at][len(f'{self.module} = "{old}"') :]
        return "".join([*plain.lines[:at], line[:-1] + rest, *plain.lines[at + 1 :]])

    def apply_text(self, text: str) -> str | None:
        """`apply` on the text of a plain manifest; None to leave it to tomlkit."""
        return self._change_text(text, self.before, self.after)

    def invert_text(self, text: str) -> str | None:
        """`invert` on the text of a plain manifest; None to leave it to tomlkit."""
        return self._change_text(text, self.after, self.before)

    def check_text(self, text: str) -> list[Finding] | None:
        """Nothing to decide: `check` reports no findings of its own here."""
        return None

    def observe(self, document: TOMLDocument) -> Observation:
        """Present when the module's value is `after`."""
        current = self._current(document)
        if current == self.after:
            return Observation(Presence.PRESENT)
        if current == self.before:
            return Observation(Presence.ABSENT)
        return Observation(Presence.UNMANAGED, (), current)

    def check(self, document: TOMLDocument) -> list[Finding]:
        """Manifest findings are reported by `polepos check` itself (PP28x)."""
        return []
