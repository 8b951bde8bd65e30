"""Fixtures for template evolution: the 0.1.0 release's code, taken from git history."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pole_position.template_history import release_source
from tests.conftest import REPO_ROOT

OLD_VERSION = "0.1.0"


@pytest.fixture(scope="session")
def old_release_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository as it was at the recorded 0.1.0 commit, extracted from git."""
    commit = release_source(OLD_VERSION)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout
    target = tmp_path_factory.mktemp("polepos-0.1.0")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def run_old_polepos(
    tree: Path, *args: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Run the 0.1.0 CLI from its extracted tree (its dependencies are ours)."""
    return subprocess.run(
        [sys.executable, "-m", "pole_position", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def old_project(
    old_release_tree: Path, tmp_path: Path
) -> Callable[..., Path]:
    """Create a project with the 0.1.0 CLI: `old_project("shop", "--db", "sqlite")`."""

    def create(name: str = "shop", *extra: str) -> Path:
        result = run_old_polepos(old_release_tree, "start", name, *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return tmp_path / name

    return create
