"""Adoption fixtures: a fresh copy of one fixture project per test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tests.e2e.conftest import runtime_env  # noqa: F401  (the shared runtime venv)

FIXTURES = Path(__file__).parent / "fixtures"
ADOPTABLE = ("fullstack", "factory", "routes_api", "src_nodb")


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy `tests/adopt/fixtures/NAME` to a temporary folder; return the copy."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


def assert_formatted(
    root: Path, paths: Sequence[Path | str] = (".",), package: str | None = None
) -> None:
    """black and isort (profile black) would change nothing in `paths` below `root`;
    `package` names the first-party package where isort could not tell it."""
    first_party = ["-p", package] if package else []
    for tool in (
        ["black", "--check", "-q"],
        ["isort", "--profile", "black", *first_party, "-c"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", *tool, *map(str, paths)],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
