"""Our own code passes black, isort, ruff and mypy, as configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

SOURCES = ["pole_position", "polepos", "codemods", "tests", "bench"]


@pytest.mark.parametrize(
    "command",
    [
        ["black", "--check", "--quiet", *SOURCES],
        ["isort", "--check-only", "--quiet", *SOURCES],
        ["ruff", "check", "--quiet", *SOURCES],
        ["mypy"],
    ],
    ids=["black", "isort", "ruff", "mypy"],
)
def test_tool_is_clean(command: list[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
