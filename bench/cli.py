"""Benchmark the CLI: start-up, and start/add/check/remove on 1, 20 and 200 modules.

Run from the repository root: `python bench/cli.py [--sizes 1,20,200] [--repeat 3]`.
Figures are medians of real `polepos` processes, reported as ratios: start-up
against the bare interpreter, and each command at N modules against 1 module
(a ratio near 1 means the cost does not grow with the project). The run exits 1
when a figure exceeds its budget in `BUDGETS`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

POLEPOS = [sys.executable, "-m", "pole_position"]


def _time(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _polepos(*args: str, cwd: Path) -> None:
    completed = subprocess.run(
        [*POLEPOS, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0 and args[0] != "check":
        raise RuntimeError(f"polepos {' '.join(args)} failed:\n{completed.stderr}")


def build_project(parent: Path, modules: int) -> Path:
    """A sqlite project with `modules` standard modules, added in one change set."""
    from pole_position.cli.services.catalog.modules import TEMPLATES
    from pole_position.cli.services.plans.module.add import (
        ModuleRequest,
        plan_add_modules,
    )
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    _polepos("start", "bench-app", cwd=parent)
    root = parent / "bench-app"
    requests = [
        ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
        for index in range(modules)
    ]
    plan_add_modules(load_state(locate_project(root)), requests).commit()
    return root


def startup(repeat: int) -> list[tuple[str, float, float]]:
    """`--help` and `version` against `python -c pass`."""
    base = _time(
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat
    )
    rows = [("python -c pass", base, 1.0)]
    for args in (["--help"], ["version"]):
        seconds = _time(
            lambda a=args: subprocess.run(  # type: ignore[misc]
                [*POLEPOS, *a], capture_output=True, check=True
            ),
            repeat,
        )
        rows.append((f"polepos {' '.join(args)}", seconds, seconds / base))
    return rows


def _pair(
    root: Path, forth: tuple[str, ...], back: tuple[str, ...], repeat: int
) -> tuple[float, float]:
    """Median seconds of a command and of the one that undoes it, run in turns."""
    forth_seconds, back_seconds = [], []
    for _ in range(repeat):
        began = time.perf_counter()
        _polepos(*forth, cwd=root)
        middle = time.perf_counter()
        _polepos(*back, cwd=root)
        forth_seconds.append(middle - began)
        back_seconds.append(time.perf_counter() - middle)
    return statistics.median(forth_seconds), statistics.median(back_seconds)


PAIRS = {
    ("add", "remove"): (("add", "module", "extra"), ("remove", "module", "extra")),
    ("add field", "rm field"): (
        ("add", "field", "m000", "email:str:unique"),
        ("remove", "field", "m000", "email"),
    ),
    ("rename", "rename back"): (
        ("rename", "module", "m000", "renamed"),
        ("rename", "module", "renamed", "m000"),
    ),
}


def commands(sizes: list[int], repeat: int) -> dict[str, dict[int, float]]:
    """Median seconds of each command at each project size."""
    results: dict[str, dict[int, float]] = {"check": {}}
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = build_project(Path(folder), size)
            for (first, second), (forth, back) in PAIRS.items():
                timed = _pair(root, forth, back, repeat)
                results.setdefault(first, {})[size] = timed[0]
                results.setdefault(second, {})[size] = timed[1]
            results["check"][size] = _time(
                lambda here=root: _polepos("check", cwd=here), repeat  # type: ignore[misc]
            )
    return results


def main() -> None:
    """Print the start-up table and the command-scaling table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,20,200")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]

    print("start-up (median of", options.repeat, "runs)")
    print(f"{'command':<22}{'ms':>10}{'vs python':>12}")
    for name, seconds, ratio in startup(options.repeat):
        print(f"{name:<22}{seconds * 1000:>10.1f}{ratio:>12.2f}")

    with tempfile.TemporaryDirectory() as folder:
        start = _time(
            lambda: (
                _polepos("start", "s", cwd=Path(folder)),
                subprocess.run(["rm", "-rf", str(Path(folder) / "s")], check=True),
            ),
            options.repeat,
        )
    print(f"\npolepos start: {start * 1000:.0f} ms")

    results = commands(sizes, options.repeat)
    first = sizes[0]
    print(f"\ncommands on a project of N modules (ratio = time at N / time at {first})")
    header = "".join(f"{f'N={size}':>16}" for size in sizes)
    print(f"{'command':<12}{header}")
    for command, by_size in results.items():
        cells = "".join(
            f"{by_size[size] * 1000:>8.0f}ms {by_size[size] / by_size[first]:>5.2f}x"
            for size in sizes
        )
        print(f"{command:<12}{cells}")
    if over_budget(results):
        raise SystemExit(1)


# Wall-clock budgets (seconds, median) for a command at a project size. They live
# here, not in the test suite, where a loaded machine would fail them for reasons
# the code does not control; tests/checks/test_scale.py counts parses instead.
BUDGETS = {("check", 200): 5.0}


def over_budget(results: dict[str, dict[int, float]]) -> bool:
    """Print each budget measured in this run against its figure; True when over."""
    over = False
    for (command, size), budget in BUDGETS.items():
        if size not in results[command]:
            continue
        seconds = results[command][size]
        verdict = "ok" if seconds < budget else "OVER BUDGET"
        over = over or seconds >= budget
        print(
            f"budget: {command} at N={size} {seconds:.2f} s < {budget:.1f} s: {verdict}"
        )
    return over


if __name__ == "__main__":
    main()
