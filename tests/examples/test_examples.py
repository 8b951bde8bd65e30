"""Every scenario guide under examples/ runs: its run.sh exits 0 with passing tests.

Each script creates a project with polepos (this checkout, `python -m
pole_position`), applies the example's code and runs the project's tests in the
shared runtime environment; redis-cache and rabbitmq-quick-start talk to the real
servers on this machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.e2e.conftest import RuntimeEnv

pytestmark = pytest.mark.e2e

EXAMPLES_DIR = REPO_ROOT / "examples"
EXAMPLES = [
    "auth-foundation",
    "html-swap",
    "kafka-quick-start",
    "rabbitmq-quick-start",
    "redis-cache",
    "openai-prompt",
]
REDIS_URL = "redis://127.0.0.1:6379/0"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/"
# The last line pytest -q prints when every test passed: "97 passed in 9.71s",
# possibly with ", 1 warning"; never failed, error or skipped.
PASSED_SUMMARY = re.compile(r"^(\d+) passed(, \d+ warnings?)? in [\d.]+s$", re.M)


def test_every_example_folder_is_listed() -> None:
    folders = {
        path.name
        for path in EXAMPLES_DIR.iterdir()
        if path.is_dir() and (path / "run.sh").exists()
    }

    assert folders == set(EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_runs(example: str, examples_env: RuntimeEnv, tmp_path: Path) -> None:
    folder = EXAMPLES_DIR / example
    assert (folder / "README.md").is_file()
    env = {
        **os.environ,
        "POLEPOS": f"{sys.executable} -m pole_position",
        "PYTHON": str(examples_env.python),
        "REDIS_URL": REDIS_URL,
        "RABBITMQ_URL": RABBITMQ_URL,
    }
    for key in ("PYTHONPATH", "TEST_DATABASE_URL", "VIRTUAL_ENV"):
        env.pop(key, None)

    completed = subprocess.run(
        ["bash", str(folder / "run.sh"), str(tmp_path / "work")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "check passed" in completed.stdout, output
    summary = PASSED_SUMMARY.search(completed.stdout)
    assert summary is not None, output
    assert int(summary.group(1)) > 0
