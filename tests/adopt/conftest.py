"""Adoption fixtures: a fresh copy of one fixture project per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
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
