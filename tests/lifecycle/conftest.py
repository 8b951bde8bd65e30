"""Fixtures for module lifecycle tests: a fresh generated project per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner


@pytest.fixture
def project(polepos: Runner, tmp_path: Path) -> Path:
    """A fresh sqlite project, with the CLI's working directory inside it."""
    result = polepos("start", "shop-api", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "shop-api"
    polepos("version", cwd=root)
    return root


@pytest.fixture
def none_project(polepos: Runner, tmp_path: Path) -> Path:
    """A fresh --db none project, with the working directory inside it."""
    result = polepos("start", "svc", "--db", "none", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "svc"
    polepos("version", cwd=root)
    return root
