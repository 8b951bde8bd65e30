"""Helpers of the field tests: generated module files and the field operations."""

from __future__ import annotations

import itertools
from typing import Any

from codemods.fields_spec import MODIFIERS, TYPES, FieldSpec, parse_field_spec
from codemods.python_source import PYTHON
from pole_position.cli.services.plans.field.operations import (
    field_operations,
    module_files,
)

PKG = "shop_api"
# Every model-bearing template, crud bare and with every option.
VARIANTS: dict[str, tuple[str, ...]] = {
    "standard": ("--template", "standard"),
    "service_only": ("--service-only",),
    "crud": ("--template", "crud"),
    "crud_all": (
        "--template",
        "crud",
        "--pagination",
        "--timestamps",
        "--soft-delete",
        "--tenant-scoped",
        "--auth-required",
    ),
}
TEMPLATE = {
    "standard": "standard",
    "service_only": "service-only",
    "crud": "crud",
    "crud_all": "crud",
}


def representative_specs() -> list[FieldSpec]:
    """Per type: plain, optional, and every modifier the type allows at once."""
    specs: list[FieldSpec] = []
    for kind in TYPES:
        allowed = [m for m in MODIFIERS if _valid(f"x:{kind}:{m}")]
        for chosen in ((), ("optional",), tuple(allowed)):
            name = f"f_{kind}_{'_'.join(chosen) or 'plain'}"
            specs.append(parse_field_spec(":".join((name, kind, *chosen))))
    return specs


def _valid(raw: str) -> bool:
    try:
        parse_field_spec(raw)
    except ValueError:
        return False
    return True


def valid_specs() -> list[FieldSpec]:
    """Every type with every valid combination of modifiers."""
    specs: list[FieldSpec] = []
    for kind in TYPES:
        for count in range(len(MODIFIERS) + 1):
            for chosen in itertools.combinations(MODIFIERS, count):
                raw = ":".join(
                    (f"f_{kind}_{'_'.join(chosen) or 'plain'}", kind, *chosen)
                )
                try:
                    specs.append(parse_field_spec(raw))
                except ValueError:
                    continue  # e.g. a unique bool: refused by the grammar
    return specs


def operations_by_file(variant: str, spec: FieldSpec) -> dict[str, list[Any]]:
    """The operations of one field on one variant's module, grouped by file."""
    files = module_files(PKG, variant, TEMPLATE[variant])
    grouped: dict[str, list[Any]] = {}
    for operation in field_operations(PKG, files, spec, files.tests):
        grouped.setdefault(operation.path, []).append(operation)
    return grouped


def apply_text(text: str, operations: list[Any], invert: bool = False) -> str:
    """Parse once, apply (or invert, last first) every operation, render."""
    document = PYTHON.parse(text)
    for operation in reversed(operations) if invert else operations:
        document = operation.invert(document) if invert else operation.apply(document)
    return PYTHON.render(document)
