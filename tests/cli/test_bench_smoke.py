"""`bench/cli.py` keeps working: a quick run of our own CLI, and its table's ratios.

The quick run skips installing (it times this interpreter's `polepos`) and the
0.0.46 baseline (no download); the timings themselves are never asserted.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT

BENCH = REPO_ROOT / "bench" / "cli.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cli", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cli"] = module
    spec.loader.exec_module(module)
    return module


def test_quick_run_of_our_cli_prints_every_row(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--no-install", "--no-baseline"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    rows = {line.split()[0] for line in completed.stdout.splitlines() if line}
    for row in ("version", "add", "remove", "check", "rename", "completion"):
        assert row in rows, completed.stdout


def test_table_divides_by_the_baseline_or_by_our_smallest_size() -> None:
    bench = _bench()
    figure = bench.Figure
    text = bench.table(
        {
            ("check cold", 1): figure(0.5, 1.0),
            ("rename module", 1): figure(0.2, None),
            ("rename module", 200): figure(0.3, None),
        }
    )
    lines = {tuple(line.split()[-3:]) for line in text.splitlines()}
    assert ("500", "1000", "0.50x") in lines, text
    assert ("300", "-", "1.50x*") in lines, text


def test_add_field_and_rename_are_measured_at_every_size_against_our_own() -> None:
    bench = _bench()
    (scenario,) = [s for s in bench.SCENARIOS if s.name == "field/rename"]
    # No size restriction (every --sizes value) and no 0.0.46 row: the ratio is
    # to our own time at the smallest size, which flatness is judged by.
    assert scenario.sizes is None
    assert scenario.theirs is None
    assert scenario.project


def test_rows_selects_scenarios_by_name() -> None:
    bench = _bench()
    assert [s.name for s in bench.select("field/rename,check")] == [
        "check",
        "field/rename",
    ]
    assert bench.select(None) == bench.SCENARIOS
    with pytest.raises(SystemExit, match="unknown --rows nope"):
        bench.select("nope")


def test_warm_up_rounds_are_run_but_not_counted() -> None:
    bench = _bench()
    calls: list[str] = []

    def timed(tool: object, root: object) -> dict[str, float]:
        calls.append(str(tool))
        # The first round is slow, as right after a project is built.
        return {"row": 9.0 if calls.count(str(tool)) == 1 else 1.0}

    scenario = bench.Scenario("fake", timed, timed)
    figures = bench.measure(scenario, ("ours", "theirs"), ("a", "b"), 3, 1)
    assert calls == ["ours", "theirs"] * 4  # interleaved, warm-up included
    assert figures["row"] == bench.Figure(1.0, 1.0)
    cold = bench.measure(scenario, ("ours2", "theirs2"), ("a", "b"), 3)
    assert cold["row"] == bench.Figure(1.0, 1.0)  # median of 9, 1, 1
