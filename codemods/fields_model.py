"""Model column of an added field: `name: Mapped[T] = mapped_column(...)`.

Managed line (docs/fields.md), directly above `# polepos:fields` in the model
class::

    email: Mapped[str] = mapped_column(String(255), unique=True)

with the SQLAlchemy and standard-library names it uses imported at the top.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods.fields_body import FieldLine, wrap
from codemods.fields_spec import FieldSpec, Import, column_code


@dataclass(frozen=True)
class ModelColumn(FieldLine):
    """The SQLAlchemy 2 column of one field on a module's model class."""

    model_class: str = ""
    field: FieldSpec = FieldSpec("name", "str")

    @property
    def scope(self) -> str:
        """The model class."""
        return self.model_class

    @property
    def key(self) -> str:
        """The field's name."""
        return self.field.name

    def code(self) -> str:
        """`name: Mapped[T] = mapped_column(...)`, wrapped as black would."""
        head, arguments, _ = column_code(self.field)
        return wrap(head, arguments)

    def imports(self) -> tuple[Import, ...]:
        """The column's SQLAlchemy type and the annotation's types."""
        return column_code(self.field)[2]
