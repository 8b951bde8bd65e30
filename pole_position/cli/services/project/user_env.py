"""The user's `.env` follows `.env.example`: the same env blocks, with the same inverse.

`.env` is the user's own file (secrets included), so PolePosition edits it only
when it exists, is a regular UTF-8 file, and still holds the marker a block goes
above; otherwise it is left alone and `polepos check` reports the keys it lacks
(PP330).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codemods.env import EnvBlock

from codemods.encoding import read_utf8

USER_ENV = ".env"


def user_env_text(root: Path) -> str | None:
    """The text of `root/.env` when it is a regular UTF-8 file, else None."""
    path = root / USER_ENV
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return read_utf8(path)
    except (OSError, UnicodeDecodeError):
        return None


def user_env_blocks(root: Path, operations: Iterable[object]) -> list[EnvBlock]:
    """Copies of the `.env.example` blocks among `operations`, aimed at `.env`."""
    from codemods.env import ENV_PATH, EnvBlock, EnvDocument

    text = user_env_text(root)
    if text is None:
        return []
    document = EnvDocument.parse(text)
    return [
        replace(operation, path=USER_ENV)
        for operation in operations
        if isinstance(operation, EnvBlock)
        and operation.path == ENV_PATH
        and document.find_marker(operation.marker) is not None
    ]
