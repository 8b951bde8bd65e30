"""Reading project files: UTF-8 only, line endings and byte-order mark kept.

Every reader of project files in codemods and the CLI goes through `read_utf8`,
so a file is decoded one way everywhere: parsers never see the byte-order mark
(`strip_bom`), and rewritten files keep it.
"""

from __future__ import annotations

from pathlib import Path

BOM = "\ufeff"


def read_utf8(path: Path) -> str:
    """The file's text, decoded as UTF-8 with no newline translation.

    Raises `OSError` or `UnicodeDecodeError`; each caller turns them into its own
    refusal or finding.
    """
    return path.read_bytes().decode("utf-8")


def strip_bom(text: str) -> str:
    """The text without a leading byte-order mark."""
    return text[1:] if text.startswith(BOM) else text
