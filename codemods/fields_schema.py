"""Pydantic fields of an added field, one per schema class.

Managed lines (docs/fields.md), each directly above `# polepos:fields`:

* `<Model>Create`: required unless the field is `optional`;
* `<Model>Update` (crud): always optional, default None;
* `<Model>Read`: as stored (`T | None` when optional).

Types with limits carry them in `Field(...)` (string length, integer range,
decimal digits), so the API answers 422 instead of a database error.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods.fields_body import FieldLine, wrap
from codemods.fields_spec import FieldSpec, Import, schema_code

SUFFIXES = {"create": "Create", "update": "Update", "read": "Read"}


@dataclass(frozen=True)
class SchemaField(FieldLine):
    """One field in one of a module's pydantic schemas."""

    model_class: str = ""
    role: str = "create"  # create | update | read
    field: FieldSpec = FieldSpec("name", "str")

    def __post_init__(self) -> None:
        if self.role not in SUFFIXES:
            raise ValueError(f"unknown schema role {self.role!r}")

    @property
    def scope(self) -> str:
        """`<Model>Create`, `<Model>Update` or `<Model>Read`."""
        return f"{self.model_class}{SUFFIXES[self.role]}"

    @property
    def key(self) -> str:
        """The field's name."""
        return self.field.name

    def code(self) -> str:
        """The annotated field line, wrapped as black would."""
        head, arguments, _ = schema_code(self.field, self.role)
        return wrap(head, arguments)

    def imports(self) -> tuple[Import, ...]:
        """The annotation's types, and `Field` when the line uses it."""
        return schema_code(self.field, self.role)[2]
