"""Every scenario guide under examples/ runs exactly as its README says.

The shell has only what the README's Quick start installs: `polepos` from this
checkout (`uv tool install .`, non-editable) and uv on PATH, then the system's
PATH; no POLEPOS, PYTHON or other variable. Each run.sh creates its project with
`polepos start NAME --install` and runs the project's tests with its own
`.venv/bin/python`; redis-cache and rabbitmq-quick-start talk to the real
servers on this machine through their documented defaults.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.e2e.conftest import STARLETTE_WARNING
from tests.examples._support import InstalledPolepos

EXAMPLES_DIR = REPO_ROOT / "examples"
EXAMPLES = [
    "auth-foundation",
    "html-swap",
    "kafka-quick-start",
    "rabbitmq-quick-start",
    "redis-cache",
    "openai-prompt",
]
# The last line pytest -q prints when every test passed: "97 passed in 9.71s",
# possibly with ", 1 warning" and, past a minute, " (0:01:15)"; never failed,
# error or skipped.
PASSED_SUMMARY = re.compile(
    r"^(\d+) passed(, \d+ warnings?)? in [\d.]+s( \(\d+:\d\d:\d\d\))?$", re.M
)


def test_every_example_folder_is_listed() -> None:
    folders = {
        path.name
        for path in EXAMPLES_DIR.iterdir()
        if path.is_dir() and (path / "run.sh").exists()
    }

    assert folders == set(EXAMPLES)


@pytest.mark.parametrize(
    ("line", "passed"),
    [
        ("97 passed in 9.71s", 97),
        ("61 passed, 1 warning in 4.66s", 61),
        ("12 passed, 3 warnings in 75.12s (0:01:15)", 12),
        ("8 passed in 3600.00s (1:00:00)", 8),
    ],
)
def test_passed_summary_pattern_reads_pytest_summaries(line: str, passed: int) -> None:
    found = PASSED_SUMMARY.search(f"....\n{line}\n")

    assert found is not None
    assert int(found.group(1)) == passed


@pytest.mark.parametrize(
    "line",
    [
        "1 failed, 96 passed in 9.71s",
        "96 passed, 1 skipped in 9.71s",
        "96 passed, 1 error in 75.12s (0:01:15)",
    ],
)
def test_passed_summary_pattern_refuses_anything_but_passes(line: str) -> None:
    assert PASSED_SUMMARY.search(f"....\n{line}\n") is None


def test_readmes_document_the_route_the_scripts_take() -> None:
    index = (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert "uv tool install ." in index
    assert "--install" in index
    for example in EXAMPLES:
        script = (EXAMPLES_DIR / example / "run.sh").read_text(encoding="utf-8")
        readme = (EXAMPLES_DIR / example / "README.md").read_text(encoding="utf-8")
        assert "POLEPOS" not in script + readme
        assert "$PYTHON" not in script
        assert re.search(r"^polepos start \S+.* --install$", script, re.M), example
        assert f"examples/{example}/run.sh" in readme
        assert ".venv/bin/python -m pytest" in readme, example


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("example", "with_uv"),
    [
        *((example, True) for example in EXAMPLES),
        # pipx users may have no uv: the project's .venv is made with venv + pip.
        ("kafka-quick-start", False),
    ],
)
def test_example_runs_as_its_readme_says(
    example: str, with_uv: bool, installed_polepos: InstalledPolepos, tmp_path: Path
) -> None:
    env = installed_polepos.env(with_uv=with_uv)
    assert shutil.which("polepos", path=env["PATH"]) == str(
        installed_polepos.bin_dir / "polepos"
    )
    assert (shutil.which("uv", path=env["PATH"]) is not None) is with_uv
    # As typed in the README: examples/NAME/run.sh [WORK_DIR], from the checkout.
    completed = subprocess.run(
        [f"examples/{example}/run.sh", str(tmp_path / "work")],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-6000:]
    assert "check passed" in completed.stdout, output[-6000:]
    summary = PASSED_SUMMARY.search(completed.stdout)
    assert summary is not None, output[-6000:]
    assert int(summary.group(1)) > 0
    # `.[dev]` installed httpx2, so starlette's TestClient did not warn about httpx.
    assert STARLETTE_WARNING not in output, output[-6000:]
    project = next((tmp_path / "work").iterdir())
    assert (project / ".venv" / "bin" / "python").exists()
    # Without uv, `start --install` took the venv + pip route, which seeds pip.
    assert (project / ".venv" / "bin" / "pip").exists() is not with_uv


def test_lib_runs_the_polepos_on_path_not_a_shell_function(tmp_path: Path) -> None:
    # A shell function named polepos that calls `polepos` recursed until bash
    # crashed (exit 139): the scripts must reach the program on PATH.
    fake = tmp_path / "bin" / "polepos"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "fake polepos $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    script = tmp_path / "example" / "run.sh"
    script.parent.mkdir()
    script.write_text(
        f'source "{EXAMPLES_DIR}/_lib.sh"\ntype -t polepos\npolepos version\n',
        encoding="utf-8",
    )
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "HOME": str(tmp_path)}

    completed = subprocess.run(
        ["bash", str(script)], env=env, capture_output=True, text=True, timeout=60
    )

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["file", "fake polepos version"]


def test_an_example_without_polepos_on_path_says_how_to_install_it(
    tmp_path: Path,
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    completed = subprocess.run(
        [str(EXAMPLES_DIR / "kafka-quick-start" / "run.sh"), str(tmp_path / "work")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == 2
    assert "polepos is not on PATH" in completed.stderr
    assert "uv tool install ." in completed.stderr
    assert not (tmp_path / "work").exists()
