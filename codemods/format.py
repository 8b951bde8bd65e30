"""Formatter for `python -m libcst.tool codemod`: isort, then black, stdin to stdout.

Configured as `formatter: ['python', '-m', 'codemods.format']` in
`.libcst.codemod.yaml`. isort reads its settings from the current directory (so
a project's `src/<package>` is recognised as first party); black uses defaults
with the project's `[tool.black]` line length when one is configured.
"""

from __future__ import annotations

import os
import sys


def format_code(code: str, root: str | None = None) -> str:
    """`code` sorted by isort (black profile) and formatted by black."""
    import black
    import isort

    root = root or os.getcwd()
    config = isort.Config(settings_path=root, profile="black")
    sorted_code = isort.code(code, config=config)
    return black.format_str(sorted_code, mode=black.Mode())


def main() -> None:
    """Read code on stdin and write it formatted to stdout."""
    sys.stdout.write(format_code(sys.stdin.read()))


if __name__ == "__main__":
    main()
