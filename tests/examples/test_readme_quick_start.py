"""The README's Quick start installs this program, and its commands work as typed.

Both documented routes install this checkout non-editable into an environment of
their own, then `polepos version` runs from the user's PATH: `uv tool install .`
(the shared install of tests/examples/_support.py), and `pipx install .`, done
here the way pipx does it (a fresh venv, `pip install .`, the app's scripts
linked into a bin folder on PATH) since pipx itself is not on this machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position import __version__
from tests.conftest import REPO_ROOT
from tests.examples._support import InstalledPolepos, system_path, user_environ

README = REPO_ROOT / "README.md"


def quick_start() -> str:
    """The README's Quick start section."""
    text = README.read_text(encoding="utf-8")
    return text.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def console_commands(section: str) -> list[str]:
    """The commands of the section's console blocks, without prompt or comment."""
    return [
        line[2:].split("  #", 1)[0].strip()
        for line in section.splitlines()
        if line.startswith("$ ")
    ]


def run_as_user(
    command: str, *, cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run one documented command line through bash, as typed."""
    return subprocess.run(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_quick_start_installs_from_the_repository_not_the_index() -> None:
    section = quick_start()
    commands = console_commands(section)

    assert "uv tool install ." in commands
    assert "# or: pipx install ." in section
    assert not any(re.search(r"install poleposition\b", c) for c in commands)
    assert "different, older" in section
    assert "PyPI" in section
    assert "scripts/bootstrap" in section


@pytest.mark.parametrize(
    "page", ["README.md", "docs/index.md", "docs/getting-started.md"]
)
def test_no_page_installs_the_other_program(page: str) -> None:
    commands = console_commands((REPO_ROOT / page).read_text(encoding="utf-8"))

    assert not any(re.search(r"install poleposition\b", c) for c in commands)
    assert "uv tool install ." in commands


def test_readme_set_up_commands_exist() -> None:
    text = README.read_text(encoding="utf-8")
    for script in ("scripts/demo", "scripts/test", "scripts/bootstrap"):
        assert f"$ {script}" in text or f"`{script}" in text, script
        assert os.access(REPO_ROOT / script, os.X_OK), script


@pytest.mark.e2e
def test_uv_tool_install_then_polepos_version(
    installed_polepos: InstalledPolepos, tmp_path: Path
) -> None:
    # The shared install ran `uv tool install .` in the checkout, as documented.
    env = installed_polepos.env(with_uv=False)
    result = run_as_user("polepos version", cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"polepos {__version__}"
    launcher = (installed_polepos.bin_dir / "polepos").read_text(errors="replace")
    assert str(REPO_ROOT) not in launcher.splitlines()[0]


@pytest.mark.e2e
def test_pipx_style_install_then_polepos_version(tmp_path: Path) -> None:
    venv = tmp_path / "pipx" / "venvs" / "poleposition"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    apps = tmp_path / "pipx" / "bin"
    apps.mkdir()
    (apps / "polepos").symlink_to(venv / "bin" / "polepos")
    env = user_environ()
    env["PATH"] = os.pathsep.join([str(apps), system_path()])
    work = tmp_path / "work"
    work.mkdir()

    result = run_as_user("polepos version", cwd=work, env=env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"polepos {__version__}"
    # Not editable: the installed code lives in the venv, not in the checkout.
    located = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import pole_position; print(pole_position.__file__)",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.startswith(str(venv)), located.stdout


@pytest.mark.e2e
def test_quick_start_project_commands_run_as_typed(
    installed_polepos: InstalledPolepos, tmp_path: Path
) -> None:
    commands = console_commands(quick_start())
    project_steps = commands[commands.index("polepos start shop-api --install") :]
    assert project_steps[-1].startswith(".venv/bin/python -m shop_api.run")
    env = installed_polepos.env()
    cwd = tmp_path
    # Every step but the last, which serves until interrupted.
    for command in project_steps[:-1]:
        if command.startswith("cd "):
            cwd = cwd / command[3:]
            continue
        result = run_as_user(command, cwd=cwd, env=env)
        assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr)
    assert (cwd / ".venv" / "bin" / "python").exists()
