"""Lint a generated project with its own black, isort and ruff settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LINTERS = [
    ["black", "--check", "--quiet", "."],
    ["isort", "--check-only", "--profile", "black", "."],
    ["ruff", "check", "--no-cache", "--quiet", "--select", "E,F,W,UP,B", "."],
]


def assert_project_is_clean(root: Path) -> None:
    """Run black, isort and ruff over a generated project with its own settings."""
    for command in LINTERS:
        completed = subprocess.run(
            [sys.executable, "-m", *command],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert (
            completed.returncode == 0
        ), f"{command[0]} in {root}:\n{completed.stdout}{completed.stderr}"
