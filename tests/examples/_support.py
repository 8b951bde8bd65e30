"""One non-editable install of this repository, as the README's Quick start does it.

`uv tool install .` from the checkout, isolated in the run's shared temporary
folder (UV_TOOL_DIR / UV_TOOL_BIN_DIR, uv's own isolation variables): built once
per run under a file lock, so every pytest-xdist worker uses the same install.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, VERIFY_TEXT_FACES
from tests.e2e.conftest import exclusive, run_shared_folder, uv_binary

# What a Python virtual environment's bin folder holds; such folders are not part
# of "the normal system PATH" (the repository's own .venv may be activated).
_VENV_MARKER = "pyvenv.cfg"


@dataclass(frozen=True)
class InstalledPolepos:
    """`polepos` installed from this checkout, and the PATH a user then has."""

    bin_dir: Path
    uv_dir: Path

    def path(self, *, with_uv: bool = True) -> str:
        """PATH: the installed polepos, uv (the documented installer), the system's."""
        folders = [str(self.bin_dir)]
        if with_uv:
            folders.append(str(self.uv_dir))
        return os.pathsep.join([*folders, system_path()])

    def env(self, *, with_uv: bool = True) -> dict[str, str]:
        """The user's environment: no variables that point into this checkout."""
        env = user_environ()
        for key in ("POLEPOS", "PYTHON", "PYTHONHOME"):
            env.pop(key, None)
        for key in ("TEST_DATABASE_URL", "REDIS_URL", "RABBITMQ_URL"):
            env.pop(key, None)
        env["PATH"] = self.path(with_uv=with_uv)
        return env


def user_environ() -> dict[str, str]:
    """This process's environment without what the suite or a virtualenv added.

    The suite's text-face verification is for its own runs; a documented command
    is run exactly as a user types it, with nothing extra in the environment.
    """
    added = {"VIRTUAL_ENV", "PYTHONPATH", VERIFY_TEXT_FACES}
    return {key: value for key, value in os.environ.items() if key not in added}


def system_path() -> str:
    """This process's PATH without virtual environments and without any `polepos`."""
    kept = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder:
            continue
        here = Path(folder)
        if (here.parent / _VENV_MARKER).exists() or (here / "polepos").exists():
            continue
        kept.append(folder)
    return os.pathsep.join(kept)


def uv_tool_install(checkout: Path, tools: Path) -> InstalledPolepos:
    """Run `uv tool install .` in `checkout` with its tool folders under `tools`."""
    bin_dir, uv_dir = tools / "bin", tools / "uv"
    env = {
        **os.environ,
        "UV_TOOL_DIR": str(tools / "tools"),
        "UV_TOOL_BIN_DIR": str(bin_dir),
    }
    env.pop("VIRTUAL_ENV", None)
    completed = subprocess.run(
        [uv_binary(), "tool", "install", "."],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    uv_dir.mkdir(exist_ok=True)
    if not (uv_dir / "uv").exists():
        (uv_dir / "uv").symlink_to(uv_binary())
    return InstalledPolepos(bin_dir, uv_dir)


def install_once(tmp_path_factory: pytest.TempPathFactory) -> InstalledPolepos:
    """This checkout installed once per run (all workers) with `uv tool install .`."""
    tools = run_shared_folder(tmp_path_factory) / "polepos-tool"
    tools.mkdir(exist_ok=True)
    with exclusive(tools / "lock"):
        done = tools / "installed"
        if done.exists():
            return InstalledPolepos(tools / "bin", tools / "uv")
        installed = uv_tool_install(REPO_ROOT, tools)
        done.touch()
        return installed
