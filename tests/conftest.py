"""Shared fixtures: run the CLI in-process or as a subprocess, hash project trees."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pole_position.cli.main import main

CACHE_DIRS = {
    "__pycache__",
    ".git",
    ".venv",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
}
REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    """What a CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


@pytest.fixture
def polepos(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Runner:
    """Run `polepos ARGS` in-process, in `cwd`, and capture its streams."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_polepos_process(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a real process, exactly as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "pole_position", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below `root` (caches and virtualenvs aside) with its SHA-256."""
    digest: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p in CACHE_DIRS for p in parts):
            continue
        if path.is_file():
            digest["/".join(parts)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


@pytest.fixture
def project_factory(tmp_path: Path, polepos: Runner) -> Iterator[Callable[..., Path]]:
    """Create a generated project with `polepos start` in a temporary folder."""

    def create(name: str = "shop-api", *extra: str) -> Path:
        result = polepos("start", name, *extra, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
        return tmp_path / name

    yield create
