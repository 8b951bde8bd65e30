"""A sample value of an added field in a module's generated tests.

Managed line (docs/fields.md), directly above `# polepos:fields` in the
tests' `sample_fields()` helper::

    fields["email"] = f"email-{uuid.uuid4().hex[:12]}"

Every value is fresh on each call (unique fields stay unique) and JSON-ready
(dates, decimals and uuids as strings), so the same helper feeds request
bodies and pydantic constructors; service-only modules, whose tests build rows
without a schema, get Python objects (`native`).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from codemods.fields_body import FieldLine, black_layout, sample_key
from codemods.fields_spec import FieldSpec, Import, sample_code

HELPER = "sample_fields"


@dataclass(frozen=True)
class SampleValue(FieldLine):
    """`fields["<name>"] = <fresh value>` in the tests' `sample_fields()`."""

    @staticmethod
    def key_of(statement: cst.BaseStatement) -> str | None:
        """The field a `fields["<name>"] = ...` line sets."""
        return sample_key(statement)

    field: FieldSpec = FieldSpec("name", "str")
    native: bool = False  # Python objects instead of JSON-ready values

    @property
    def scope(self) -> str:
        """The tests' helper function."""
        return HELPER

    @property
    def key(self) -> str:
        """The field's name."""
        return self.field.name

    def code(self) -> str:
        """The assignment, laid out as black would."""
        expression = sample_code(self.field, self.native)[0]
        return black_layout(f'fields["{self.field.name}"] = {expression}')

    def imports(self) -> tuple[Import, ...]:
        """`uuid`, and the date/time names the value uses."""
        return sample_code(self.field, self.native)[1]
