"""isort, then black, on Python source, with a project's own settings.

`python -m codemods.format` reads code on stdin and writes it formatted to
stdout. isort reads its settings from the project (so `src/<package>` is first
party); black uses the `[tool.black]` table of the project's `pyproject.toml`:
`line-length`, `target-version`, `skip-string-normalization` and
`skip-magic-trailing-comma`, with black's defaults for what it leaves out.

The `.libcst.codemod.yaml` formatter does the same through the `isort` and
`black` command lines, so it needs neither polepos nor `codemods` installed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from black.mode import Mode


def black_mode(root: str | os.PathLike[str]) -> Mode:
    """black's mode for the project at `root`, from its `[tool.black]` table."""
    from black.const import DEFAULT_LINE_LENGTH
    from black.files import parse_pyproject_toml
    from black.mode import Mode, TargetVersion

    pyproject = Path(root) / "pyproject.toml"
    # black's own reader returns untyped TOML values.
    settings: dict[str, Any] = (
        parse_pyproject_toml(str(pyproject)) if pyproject.is_file() else {}
    )
    versions = {
        TargetVersion[version.upper()] for version in settings.get("target_version", [])
    }
    return Mode(
        target_versions=versions,
        line_length=int(settings.get("line_length", DEFAULT_LINE_LENGTH)),
        string_normalization=not settings.get("skip_string_normalization", False),
        magic_trailing_comma=not settings.get("skip_magic_trailing_comma", False),
    )


def format_code(code: str, root: str | None = None) -> str:
    """`code` sorted by isort and formatted by black, as the project at `root` says."""
    import black
    import isort

    root = root or os.getcwd()
    config = isort.Config(settings_path=root, profile="black")
    sorted_code = isort.code(code, config=config)
    return black.format_str(sorted_code, mode=black_mode(root))


def main() -> None:
    """Read code on stdin and write it formatted to stdout."""
    sys.stdout.write(format_code(sys.stdin.read()))


if __name__ == "__main__":
    main()
