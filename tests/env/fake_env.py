"""A fake virtual environment whose interpreter records every call it gets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SCRIPT = """#!/bin/sh
here="$(cd "$(dirname "$0")/.." && pwd)"
printf '%s\\n' "$*" >> "$here/calls.log"
if [ "$1" = "-c" ] && [ -f "$here/probe-fails" ]; then exit 1; fi
if [ "$1" = "-m" ] && [ -f "$here/install-fails" ]; then
  echo "ERROR: no matching distribution" >&2
  exit 1
fi
exit 0
"""


class FakeEnv:
    """`<path>/bin/python` is a shell script appending its arguments to calls.log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        python = path / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text(SCRIPT)
        python.chmod(0o755)

    @property
    def calls(self) -> list[str]:
        """Every call's arguments, one string per call."""
        log = self.path / "calls.log"
        return log.read_text().splitlines() if log.exists() else []

    def fail(self, what: str) -> None:
        """Make `probe` (the -c import check) or `install` (-m pip/alembic) fail."""
        (self.path / f"{what}-fails").write_text("")


def without_uv(monkeypatch: pytest.MonkeyPatch) -> None:
    """No uv on PATH and no activated environment: the plain pip/venv route."""
    kept = [
        folder
        for folder in os.environ.get("PATH", "").split(os.pathsep)
        if folder and not (Path(folder) / "uv").exists()
    ]
    monkeypatch.setenv("PATH", os.pathsep.join(kept))
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
