"""Real environments: `add` installs what it adds; `polepos db` as a user types it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_polepos_process
from tests.e2e.conftest import RuntimeEnv, uv_binary

pytestmark = pytest.mark.e2e


def _path_without_uv() -> str:
    return os.pathsep.join(
        folder
        for folder in os.environ.get("PATH", "").split(os.pathsep)
        if folder and not (Path(folder) / "uv").exists()
    )


def _polepos(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run_polepos_process(*args, cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_add_integration_installs_redis_and_the_tests_pass(tmp_path: Path) -> None:
    uv = uv_binary()
    _polepos("start", "cache-app", cwd=tmp_path)
    root = tmp_path / "cache-app"
    python = root / ".venv" / "bin" / "python"
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(root / ".venv")],
        check=True,
    )
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", str(python), "-e", ".[dev]"],
        cwd=root,
        check=True,
    )
    missing = subprocess.run([str(python), "-c", "import redis"], check=False)
    assert missing.returncode != 0
    env = {"PATH": os.pathsep.join([str(Path(uv).parent), _path_without_uv()])}
    added = run_polepos_process(
        "add", "integration", "redis", cwd=root, env=env, timeout=900
    )
    assert added.returncode == 0, added.stdout + added.stderr
    assert "installing the dependencies into .venv" in added.stdout
    tests = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr


def test_db_commands_as_typed(runtime_env: RuntimeEnv, tmp_path: Path) -> None:
    _polepos("start", "shop-api", cwd=tmp_path)
    root = tmp_path / "shop-api"
    runtime_env.install_project(root)
    _polepos("add", "module", "customers", "--template", "crud", cwd=root)
    _polepos("db", "revision", "-m", "add customers", cwd=root)
    status = _polepos("db", "status", cwd=root).stdout.splitlines()
    assert status[0] == "current: (base)"
    assert status[1].startswith("head:    ")
    head = status[1].split()[1]
    assert status[2] == "1 revision behind: run 'polepos db upgrade'"
    _polepos("db", "upgrade", cwd=root)
    assert _polepos("db", "status", cwd=root).stdout.splitlines() == [
        f"current: {head}",
        f"head:    {head}",
        "up to date",
    ]
    _polepos("db", "downgrade", "-1", cwd=root)
    assert _polepos("db", "status", cwd=root).stdout.splitlines()[0] == (
        "current: (base)"
    )
    _polepos("db", "upgrade", cwd=root)
    _polepos("add", "module", "orders", "--template", "crud", cwd=root)
    _polepos("db", "revision", "-m", "-x", cwd=root)
    written = list((root / "migrations" / "versions").glob("*_x.py"))
    assert len(written) == 1
    assert written[0].read_text().startswith('"""-x')


def test_db_uses_the_activated_environment(
    runtime_env: RuntimeEnv, tmp_path: Path
) -> None:
    _polepos("start", "shop-api", cwd=tmp_path)
    root = tmp_path / "shop-api"
    runtime_env.install_project(root)
    (root / ".venv").unlink()  # made elsewhere and activated, as in the issue
    activated = {
        "VIRTUAL_ENV": str(runtime_env.path),
        "PATH": os.pathsep.join([str(runtime_env.path / "bin"), _path_without_uv()]),
    }
    result = run_polepos_process("db", "status", cwd=root, env=activated)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == "current: (base)"


def test_db_without_environment_says_what_to_do(tmp_path: Path) -> None:
    _polepos("start", "shop-api", cwd=tmp_path)
    env = {"PATH": _path_without_uv()}
    assert shutil.which("uv", path=env["PATH"]) is None
    result = run_polepos_process("db", "upgrade", cwd=tmp_path / "shop-api", env=env)
    assert result.returncode == 1
    assert "No module named alembic" not in result.stderr
    assert "python -m venv .venv && .venv/bin/pip install -e '.[dev]'" in (
        result.stderr
    )
