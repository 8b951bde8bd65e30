"""Validation of the names operations are built from."""

from __future__ import annotations

import keyword


def check_identifier(value: str, what: str) -> None:
    """Raise `ValueError` unless `value` is a Python identifier and not a keyword."""
    if not value.isidentifier() or keyword.iskeyword(value):
        raise ValueError(f"{what} {value!r} is not a valid Python identifier")
