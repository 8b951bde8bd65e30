"""One command configures the garbage collector so big projects pay no full pass."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position.cli import main as cli_main


def test_run_makes_full_collections_rare_but_keeps_young_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A full pass walks every live object (LibCST's classes, a parsed
    # 200-module router): a rename there paid one; young passes still run.
    before = gc.get_threshold()
    monkeypatch.setattr(cli_main, "main", lambda: 0)
    monkeypatch.setattr(cli_main, "_exit", lambda code: sys.exit(code))
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli_main.run()
        young, middle, full = gc.get_threshold()
    finally:
        gc.set_threshold(*before)
    assert exit_info.value.code == 0
    assert gc.isenabled()
    assert young > before[0]
    assert full > before[2]
    assert middle > 0


# A fresh interpreter running the console script's entry point; an atexit hook
# tells whether the interpreter's teardown ran.
_ENTRY = """
import atexit, sys
atexit.register(lambda: print("teardown ran", file=sys.stderr))
sys.argv = ["polepos", *sys.argv[1:]]
from pole_position.cli.main import run
run()
"""


@pytest.mark.parametrize(
    ("args", "code", "stream", "text"),
    [
        (["version"], 0, "stdout", "polepos"),
        (["rename", "module", "orders", "clients"], 1, "stderr", "error"),
    ],
)
def test_run_skips_the_teardown_but_keeps_the_output_and_exit_code(
    tmp_path: Path, args: list[str], code: int, stream: str, text: str
) -> None:
    # Teardown only freed objects one by one (48 million instructions of a
    # 200-module rename); what a command writes is closed before it returns.
    done = subprocess.run(
        [sys.executable, "-c", _ENTRY, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == code, done.stderr
    assert text in getattr(done, stream).lower()
    assert "teardown ran" not in done.stderr
