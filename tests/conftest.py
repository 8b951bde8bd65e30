"""Shared fixtures: run the CLI in-process or as a subprocess, hash project trees."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pole_position.cli.main import main
from pole_position.cli.services.project.text_faces import VERIFY as VERIFY_TEXT_FACES
from pole_position.template_history import release_source

if TYPE_CHECKING:
    from tests.examples._support import InstalledPolepos

CACHE_DIRS = {
    "__pycache__",
    ".git",
    ".venv",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
}
REPO_ROOT = Path(__file__).resolve().parents[1]

# Every text face answer (codemods._core.TextShortcut) in the whole suite, in this
# process and in the `polepos` processes it starts, is compared with LibCST's:
# the lifecycle and codemod suites then prove the two agree byte for byte.
os.environ[VERIFY_TEXT_FACES] = "1"


@pytest.fixture(autouse=True)
def _own_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test keeps `check`'s cache in its own folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))


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


def complete_bash(cwd: Path, words: str) -> list[str]:
    """What bash completion offers for `words` (the line up to the word typed)."""
    env = {
        **os.environ,
        "_POLEPOS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "pole_position"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.split()


def working_copy(pristine: Path, tmp_path: Path, polepos: Runner) -> Path:
    """A fresh copy of a project built once per module; the CLI's cwd inside it."""
    root = tmp_path / pristine.name
    shutil.copytree(pristine, root, symlinks=True)
    polepos("version", cwd=root)
    return root


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
def project_factory(tmp_path: Path, polepos: Runner) -> Callable[..., Path]:
    """Create a generated project with `polepos start` in a temporary folder."""

    def create(name: str = "shop-api", *extra: str) -> Path:
        result = polepos("start", name, *extra, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
        return tmp_path / name

    return create


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


@pytest.fixture(scope="session")
def installed_polepos(tmp_path_factory: pytest.TempPathFactory) -> InstalledPolepos:
    """This checkout installed once per run by `uv tool install .` (examples, docs)."""
    from tests.examples._support import install_once

    return install_once(tmp_path_factory)


# -- the 0.1.0 release, taken from this repository's git history (upgrade tests) --

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
def old_project(old_release_tree: Path, tmp_path: Path) -> Callable[..., Path]:
    """Create a project with the 0.1.0 CLI: `old_project("shop", "--db", "sqlite")`."""

    def create(name: str = "shop", *extra: str) -> Path:
        result = run_old_polepos(old_release_tree, "start", name, *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return tmp_path / name

    return create
