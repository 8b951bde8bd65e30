"""Installing: the wheel in a fresh venv; `start --install` with and without uv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, run_polepos_process
from tests.e2e.conftest import STARLETTE_WARNING, uv_binary

pytestmark = pytest.mark.e2e


def _path_without_uv() -> str:
    """PATH minus every folder that holds a `uv` executable."""
    kept = [
        folder
        for folder in os.environ.get("PATH", "").split(os.pathsep)
        if folder and not (Path(folder) / "uv").exists()
    ]
    return os.pathsep.join(kept)


def test_wheel_install_finds_its_templates(tmp_path: Path) -> None:
    uv = uv_binary()
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "--quiet", "--out-dir", str(dist), str(REPO_ROOT)],
        check=True,
    )
    wheels = list(dist.glob("poleposition-*.whl"))
    assert len(wheels) == 1
    venv = tmp_path / "fresh"
    subprocess.run(
        [uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True
    )
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--python",
            str(venv / "bin" / "python"),
            str(wheels[0]),
        ],
        check=True,
    )
    work = tmp_path / "work"
    work.mkdir()
    # Run from outside the checkout so nothing can be imported from the repository.
    result = subprocess.run(
        [str(venv / "bin" / "polepos"), "start", "wheel-app"],
        cwd=work,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    package = work / "wheel-app" / "src" / "wheel_app"
    assert "api_router = APIRouter()" in (package / "api" / "router.py").read_text()
    assert "add_status_route(app, settings" in (package / "app.py").read_text()
    located = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "from pole_position.cli.services.render.templates import template_root;"
            "print(template_root())",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in located.stdout


def test_start_install_without_uv_uses_venv_and_pip(tmp_path: Path) -> None:
    env = {"PATH": _path_without_uv()}
    assert shutil.which("uv", path=env["PATH"]) is None
    result = run_polepos_process(
        "start", "plain-app", "--install", cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pip install" in result.stdout
    python = tmp_path / "plain-app" / ".venv" / "bin" / "python"
    tests = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path / "plain-app",
        capture_output=True,
        text=True,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    # The dev extra, installed for real, brings the httpx2 that TestClient prefers.
    assert STARLETTE_WARNING not in tests.stdout + tests.stderr, tests.stdout


def test_start_install_with_uv(tmp_path: Path) -> None:
    uv_folder = str(Path(uv_binary()).parent)
    env = {"PATH": os.pathsep.join([uv_folder, _path_without_uv()])}
    result = run_polepos_process(
        "start", "uv-app", "--install", "--db", "none", cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uv venv" in result.stdout
    python = tmp_path / "uv-app" / ".venv" / "bin" / "python"
    imported = subprocess.run([str(python), "-c", "import uv_app.app"], check=False)
    assert imported.returncode == 0
