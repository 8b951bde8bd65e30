"""The field grammar of `polepos add field` and the code each field becomes.

A SPEC is `name:type[:modifier...]` (docs/fields.md). This module is pure: it
parses specs and renders the source text of the model column, the pydantic
fields and the test sample value of one field, plus the imports each needs.
The operations in `fields_model`, `fields_schema` and `fields_sample` place
that text in the files.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

# (module, name): `from module import name`; name "" means `import module`.
Import = tuple[str, str]

TYPES: tuple[str, ...] = (
    "str",
    "text",
    "int",
    "bigint",
    "float",
    "decimal",
    "bool",
    "date",
    "datetime",
    "uuid",
    "json",
)
MODIFIERS: tuple[str, ...] = ("optional", "unique", "index")

# Columns every template may generate, and names a class body or a pydantic
# model cannot take: an attribute named like a type shadows that type in the
# annotations below it (`date: Mapped[date]`), and pydantic owns `model_*`.
RESERVED: frozenset[str] = frozenset(
    {
        "id",
        "tenant_id",
        "created_at",
        "updated_at",
        "deleted_at",
        "metadata",
        "registry",
        "str",
        "int",
        "float",
        "bool",
        "date",
        "datetime",
        "dict",
        "list",
        "uuid",
        "fields",
        "utc_now",
        "mapped_column",
    }
)

_NAME = re.compile(r"[a-z][a-z0-9_]*")
# PostgreSQL truncates identifiers longer than 63 bytes.
MAX_NAME_LENGTH = 63

INT32 = ("-2_147_483_648", "2_147_483_647")
INT64 = ("-9_223_372_036_854_775_808", "9_223_372_036_854_775_807")


class FieldSpecError(ValueError):
    """A SPEC that cannot be added; the message says what to write instead."""


@dataclass(frozen=True)
class FieldSpec:
    """One field: its name, type and modifiers in canonical order."""

    name: str
    type: str
    modifiers: tuple[str, ...] = ()

    @property
    def optional(self) -> bool:
        """Nullable column, `T | None` in the schemas, default None."""
        return "optional" in self.modifiers

    @property
    def unique(self) -> bool:
        """A unique constraint on the column."""
        return "unique" in self.modifiers

    @property
    def index(self) -> bool:
        """An index on the column."""
        return "index" in self.modifiers

    @property
    def text(self) -> str:
        """The canonical SPEC, as the manifest records it."""
        return ":".join((self.name, self.type, *self.modifiers))


def check_field_name(name: str) -> str:
    """Validate a field name (module-name rules plus the reserved names)."""
    if not name:
        raise FieldSpecError("the field name is empty; write name:type, e.g. email:str")
    if not _NAME.fullmatch(name):
        raise FieldSpecError(
            f"field name {name!r} is not valid; use lower-case letters, digits and "
            "'_', starting with a letter, e.g. email"
        )
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        raise FieldSpecError(f"field name {name!r} is a Python keyword")
    if len(name) > MAX_NAME_LENGTH:
        raise FieldSpecError(
            f"field name {name!r} is longer than {MAX_NAME_LENGTH} characters"
        )
    if name in RESERVED or name.startswith("model_"):
        raise FieldSpecError(
            f"field name {name!r} is reserved; choose another, e.g. {name}_value"
        )
    return name


def parse_field_spec(raw: str) -> FieldSpec:
    """Parse `name:type[:modifier...]`; `FieldSpecError` says what is wrong."""
    parts = raw.strip().split(":")
    if len(parts) < 2:
        raise FieldSpecError(
            f"{raw!r} is not a field spec; write name:type[:modifier...], e.g. "
            "email:str:unique"
        )
    name, kind, given = parts[0], parts[1], parts[2:]
    check_field_name(name)
    if kind not in TYPES:
        raise FieldSpecError(
            f"unknown field type {kind!r} in {raw!r}; use one of {', '.join(TYPES)}"
        )
    for modifier in given:
        if modifier not in MODIFIERS:
            raise FieldSpecError(
                f"unknown modifier {modifier!r} in {raw!r}; use "
                f"{', '.join(MODIFIERS)}"
            )
    if len(set(given)) != len(given):
        raise FieldSpecError(f"a modifier is given twice in {raw!r}")
    modifiers = tuple(m for m in MODIFIERS if m in given)
    spec = FieldSpec(name, kind, modifiers)
    if spec.unique and kind in ("bool", "json"):
        raise FieldSpecError(
            f"{raw!r}: a {kind} column cannot be unique"
            + (" (it holds two values at most)" if kind == "bool" else "")
        )
    if spec.index and kind == "json":
        raise FieldSpecError(f"{raw!r}: a json column cannot be indexed")
    return spec


# --- what each type becomes -------------------------------------------------


@dataclass(frozen=True)
class _Type:
    python: str  # the annotation
    imports: tuple[Import, ...]  # what the annotation needs
    column: str = ""  # the SQLAlchemy type, when the annotation does not imply it
    column_imports: tuple[Import, ...] = ()
    constraints: tuple[str, ...] = ()  # pydantic Field(...) arguments
    nullable_by_annotation: bool = True


_TYPES: dict[str, _Type] = {
    "str": _Type(
        "str",
        (),
        "String(255)",
        (("sqlalchemy", "String"),),
        ("max_length=255",),
    ),
    "text": _Type("str", (), "Text", (("sqlalchemy", "Text"),)),
    "int": _Type("int", (), constraints=(f"ge={INT32[0]}", f"le={INT32[1]}")),
    "bigint": _Type(
        "int",
        (),
        "BigInteger",
        (("sqlalchemy", "BigInteger"),),
        (f"ge={INT64[0]}", f"le={INT64[1]}"),
    ),
    "float": _Type("float", (), constraints=("allow_inf_nan=False",)),
    "decimal": _Type(
        "Decimal",
        (("decimal", "Decimal"),),
        "Numeric(18, 4)",
        (("sqlalchemy", "Numeric"),),
        ("max_digits=18", "decimal_places=4"),
    ),
    "bool": _Type("bool", ()),
    "date": _Type("date", (("datetime", "date"),)),
    "datetime": _Type(
        "datetime",
        (("datetime", "datetime"),),
        "DateTime(timezone=True)",
        (("sqlalchemy", "DateTime"),),
    ),
    "uuid": _Type("UUID", (("uuid", "UUID"),)),
    "json": _Type(
        "Any",
        (("typing", "Any"),),
        "JSON",
        (("sqlalchemy", "JSON"),),
        nullable_by_annotation=False,
    ),
}


def _annotation(spec: FieldSpec, optional: bool) -> str:
    kind = _TYPES[spec.type]
    if optional and kind.nullable_by_annotation:
        return f"{kind.python} | None"
    return kind.python


def column_code(spec: FieldSpec) -> tuple[str, list[str], tuple[Import, ...]]:
    """`(head, arguments, imports)` of `name: Mapped[T] = mapped_column(...)`."""
    kind = _TYPES[spec.type]
    arguments = [kind.column] if kind.column else []
    if spec.optional and not kind.nullable_by_annotation:
        arguments.append("nullable=True")
    if spec.unique:
        arguments.append("unique=True")
    if spec.index:
        arguments.append("index=True")
    if spec.optional:
        arguments.append("default=None")
    head = f"{spec.name}: Mapped[{_annotation(spec, spec.optional)}] = mapped_column"
    return head, arguments, kind.imports + kind.column_imports


SchemaRole = str  # "create" | "update" | "read"
ROLES: tuple[SchemaRole, ...] = ("create", "update", "read")


def schema_code(
    spec: FieldSpec, role: SchemaRole
) -> tuple[str, list[str] | None, tuple[Import, ...]]:
    """`(head, Field arguments or None, imports)` of one pydantic field line.

    With arguments the line is `head(arguments)` (a `Field(...)` call); without,
    `head` is the whole line.
    """
    kind = _TYPES[spec.type]
    optional = role == "update" or (role != "read" and spec.optional)
    if role == "read":
        return f"{spec.name}: {_annotation(spec, spec.optional)}", None, kind.imports
    annotation = f"{spec.name}: {_annotation(spec, optional)}"
    if not kind.constraints:
        line = f"{annotation} = None" if optional else annotation
        return line, None, kind.imports
    arguments = (["default=None"] if optional else []) + list(kind.constraints)
    return f"{annotation} = Field", arguments, (*kind.imports, ("pydantic", "Field"))


_SAMPLES: dict[str, tuple[str, tuple[Import, ...]]] = {
    "str": ('f"{name}-{{uuid.uuid4().hex[:12]}}"', (("uuid", ""),)),
    "text": ('f"{name} {{uuid.uuid4().hex}}"', (("uuid", ""),)),
    "int": ("uuid.uuid4().int % 2_000_000_000", (("uuid", ""),)),
    "bigint": ("uuid.uuid4().int % 9_000_000_000_000_000_000", (("uuid", ""),)),
    "float": ("uuid.uuid4().int % 1_000_000 / 4", (("uuid", ""),)),
    "decimal": ('f"{{uuid.uuid4().int % 1_000_000}}.25"', (("uuid", ""),)),
    "bool": ("True", ()),
    "date": (
        "date.fromordinal(730_000 + uuid.uuid4().int % 36_500).isoformat()",
        (("uuid", ""), ("datetime", "date")),
    ),
    "datetime": (
        "datetime.fromtimestamp(uuid.uuid4().int % 2_000_000_000, UTC).isoformat()",
        (("uuid", ""), ("datetime", "UTC"), ("datetime", "datetime")),
    ),
    "uuid": ("str(uuid.uuid4())", (("uuid", ""),)),
    "json": ('{{"key": uuid.uuid4().hex}}', (("uuid", ""),)),
}


# Python values for code that writes rows without a schema (service-only).
_NATIVE: dict[str, tuple[str, tuple[Import, ...]]] = {
    "decimal": (
        'Decimal(f"{{uuid.uuid4().int % 1_000_000}}.25")',
        (("uuid", ""), ("decimal", "Decimal")),
    ),
    "date": (
        "date.fromordinal(730_000 + uuid.uuid4().int % 36_500)",
        (("uuid", ""), ("datetime", "date")),
    ),
    "datetime": (
        "datetime.fromtimestamp(uuid.uuid4().int % 2_000_000_000, UTC)",
        (("uuid", ""), ("datetime", "UTC"), ("datetime", "datetime")),
    ),
    "uuid": ("uuid.uuid4()", (("uuid", ""),)),
}


def sample_code(
    spec: FieldSpec, native: bool = False
) -> tuple[str, tuple[Import, ...]]:
    """`(expression, imports)` of a fresh, valid sample value.

    JSON-ready by default (dates, decimals and uuids as strings, for request
    bodies and pydantic); `native` gives Python objects for model constructors.
    """
    table = {**_SAMPLES, **_NATIVE} if native else _SAMPLES
    expression, imports = table[spec.type]
    return expression.format(name=spec.name), imports
