"""The UTF-8 byte-order mark: parsers never see it, rewritten files keep it."""

from __future__ import annotations

BOM = "\ufeff"


def strip_bom(text: str) -> str:
    """The text without a leading byte-order mark."""
    return text[1:] if text.startswith(BOM) else text
