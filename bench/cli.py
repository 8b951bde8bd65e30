"""Benchmark the CLI as users run it, against the published 0.0.46 as a baseline.

Run from the repository root: `python bench/cli.py [--sizes 1,20,200] [--repeat 5]`.

This repository is installed (`pip install .`, not editable) into a scratch
virtualenv under a temporary folder, and `poleposition==0.0.46` into another;
every command is the installed `polepos` script run as a real process. The
0.0.46 program is only ever timed from the outside (its CLI syntax came from
its `--help`). Each row takes `--repeat` samples, alternating the two tools
(ours, theirs, ours, theirs, ...) so load on the machine hits both alike, and
prints the medians and their ratio (ours / 0.0.46). Rows without a baseline
(`add field`, `rename`) print the ratio to our own time at the smallest size.

`--quick` is a smoke run (1 module, 1 sample); `--no-install` times the
current interpreter's `polepos` instead of installing (for tests), and
`--no-baseline` skips 0.0.46 (no download), and `--rows a,b` runs only the
scenarios named (e.g. `--rows field/rename`). The run exits 1 when a figure
exceeds its budget in `BUDGETS`.

Adding a row: write a `Sample` (tool, project folder -> {row name: seconds})
for ours and, when 0.0.46 has the command, for theirs, and append a `Scenario`
to `SCENARIOS`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BASELINE = "poleposition==0.0.46"
APP = "bench-app"


class Skip(Exception):
    """A row this build cannot run yet (e.g. batch add before it exists)."""


@dataclass
class Tool:
    """One installed `polepos`, run as a real process with a private cache dir."""

    name: str
    argv: list[str]
    python: str
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        env = dict(os.environ)
        # Users' shells rarely set it, and it would make every run recompile.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["XDG_CACHE_HOME"] = str(self.home / "cache")
        self.env = env

    def run(self, *args: str, cwd: Path, check: bool = True) -> float:
        """Seconds one `polepos ARGS` took; raises when it fails and `check`."""
        began = time.perf_counter()
        completed = subprocess.run(
            [*self.argv, *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - began
        if check and completed.returncode != 0:
            raise RuntimeError(
                f"{self.name}: polepos {' '.join(args)} failed "
                f"({completed.returncode}):\n{completed.stderr or completed.stdout}"
            )
        return seconds

    def returncode(self, *args: str, cwd: Path) -> int:
        """Exit code of `polepos ARGS` (for feature detection)."""
        return subprocess.run(
            [*self.argv, *args], cwd=cwd, env=self.env, capture_output=True, check=False
        ).returncode

    def clear_cache(self) -> None:
        """Forget every cached check result (a cold run)."""
        shutil.rmtree(self.home / "cache", ignore_errors=True)


def _venv(folder: Path, *requirements: str) -> Path:
    """A scratch virtualenv with `requirements` pip-installed; its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run(
        [str(folder / "bin" / "pip"), "install", "-q", *requirements],
        check=True,
        capture_output=True,
    )
    return folder / "bin"


def install_ours(scratch: Path, *, install: bool) -> Tool:
    """This repository, pip-installed non-editable (or the running one)."""
    home = scratch / "ours"
    home.mkdir()
    if not install:
        argv = [sys.executable, "-m", "pole_position"]
        return Tool("ours", argv, sys.executable, home)
    # Build from a clean copy so a local .venv or caches never enter the wheel.
    source = scratch / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*_cache"),
    )
    bin_folder = _venv(home / "venv", str(source))
    return Tool("ours", [str(bin_folder / "polepos")], str(bin_folder / "python"), home)


def install_theirs(scratch: Path) -> Tool:
    """The published 0.0.46, pip-installed, only ever timed from outside."""
    home = scratch / "theirs"
    home.mkdir()
    bin_folder = _venv(home / "venv", BASELINE)
    return Tool(
        "0.0.46", [str(bin_folder / "polepos")], str(bin_folder / "python"), home
    )


_BUILD = """
import sys
from pathlib import Path
from pole_position.cli.services.catalog.modules import TEMPLATES
from pole_position.cli.services.plans.module.add import ModuleRequest, plan_add_modules
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state
root, count = Path(sys.argv[1]), int(sys.argv[2])
requests = [
    ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
    for index in range(count)
]
if requests:
    plan_add_modules(load_state(locate_project(root)), requests).commit()
"""


def build_ours(tool: Tool, parent: Path, modules: int) -> Path:
    """A sqlite project with `modules` standard modules, added in one change set."""
    parent.mkdir(parents=True)
    tool.run("start", APP, cwd=parent)
    root = parent / APP
    subprocess.run(
        [tool.python, "-c", _BUILD, str(root), str(modules)],
        check=True,
        env=tool.env,
        cwd=REPO if tool.python == sys.executable else parent,
    )
    return root


def build_theirs(tool: Tool, parent: Path, modules: int) -> Path:
    """The same project made by 0.0.46's own commands (its only interface)."""
    parent.mkdir(parents=True)
    tool.run("start", APP, cwd=parent)
    root = parent / APP
    for index in range(modules):
        tool.run("add", "module", f"m{index:03d}", cwd=root)
    return root


def build_project(parent: Path, modules: int) -> Path:
    """A project of `modules` standard modules made by this checkout (for tests)."""
    tool = Tool("ours", [sys.executable, "-m", "pole_position"], sys.executable, parent)
    return build_ours(tool, parent / "project", modules)


# --- samples: one run of a scenario with one tool -> {row: seconds} -----------

Sample = Callable[[Tool, Path], dict[str, float]]


def crud_add_remove(tool: Tool, root: Path) -> dict[str, float]:
    """`add module extra --template crud`, then `remove module extra`."""
    add = tool.run("add", "module", "extra", "--template", "crud", cwd=root)
    remove = tool.run("remove", "module", "extra", cwd=root)
    return {"add crud": add, "remove": remove, "add crud + remove": add + remove}


def check_ours(tool: Tool, root: Path) -> dict[str, float]:
    """`check` with an empty cache, then again with the cache it left."""
    tool.clear_cache()
    cold = tool.run("check", cwd=root, check=False)
    warm = tool.run("check", cwd=root, check=False)
    return {"check cold": cold, "check warm": warm}


def check_theirs(tool: Tool, root: Path) -> dict[str, float]:
    """0.0.46 keeps no cache: one `check` is the baseline of both rows."""
    seconds = tool.run("check", cwd=root, check=False)
    return {"check cold": seconds, "check warm": seconds}


BATCH = [f"batch{index}" for index in range(10)]


def batch_add_ours(tool: Tool, root: Path) -> dict[str, float]:
    """Ten crud modules in one `add module` command."""
    try:
        seconds = tool.run("add", "module", *BATCH, "--template", "crud", cwd=root)
    except RuntimeError as exc:
        raise Skip("this build has no batch `add module a b c`") from exc
    if tool.returncode("remove", "module", *BATCH, cwd=root) != 0:
        for name in BATCH:
            tool.run("remove", "module", name, cwd=root)
    return {"batch add 10": seconds}


def batch_add_theirs(tool: Tool, root: Path) -> dict[str, float]:
    """Ten separate `add module` commands (0.0.46 adds one module per command)."""
    seconds = sum(
        tool.run("add", "module", name, "--template", "crud", cwd=root)
        for name in BATCH
    )
    for name in BATCH:
        tool.run("remove", "module", name, cwd=root)
    return {"batch add 10": seconds}


def startup(tool: Tool, root: Path) -> dict[str, float]:
    """Commands that need no project: version, --help, completion."""
    return {
        "version": tool.run("version", cwd=root),
        "--help": tool.run("--help", cwd=root),
        "completion bash": tool.run("completion", "bash", cwd=root),
    }


def field_and_rename(tool: Tool, root: Path) -> dict[str, float]:
    """`add field` / `remove field` and `rename module` there and back, on m000."""
    add_field = tool.run("add", "field", "m000", "email:str:unique", cwd=root)
    tool.run("remove", "field", "m000", "email", cwd=root)
    rename = tool.run("rename", "module", "m000", "renamed", cwd=root)
    tool.run("rename", "module", "renamed", "m000", cwd=root)
    return {"add field": add_field, "rename module": rename}


@dataclass(frozen=True)
class Scenario:
    """Rows measured together, with each tool's sample (None: no baseline)."""

    name: str
    ours: Sample
    theirs: Sample | None
    sizes: tuple[int, ...] | None = None  # None: every size asked for
    project: bool = True  # False: run once, outside any project


SCENARIOS = [
    Scenario("startup", startup, startup, project=False),
    Scenario("add/remove", crud_add_remove, crud_add_remove),
    Scenario("check", check_ours, check_theirs),
    Scenario("batch", batch_add_ours, batch_add_theirs, sizes=(1,)),
    Scenario("field/rename", field_and_rename, None),
]


@dataclass
class Figure:
    """Medians of one row at one size."""

    ours: float
    theirs: float | None


def measure(
    scenario: Scenario,
    tools: tuple[Tool, Tool | None],
    roots: tuple[Path, Path | None],
    repeat: int,
    warmup: int = 0,
) -> dict[str, Figure]:
    """Interleaved samples (ours, theirs, ours, ...), reduced to medians.

    The first `warmup` rounds are run and dropped: right after a project is
    built (or a tool installed) the first commands read files the page cache
    does not hold yet and fill the tools' own caches (Jinja's bytecode), which
    no later run pays.
    """
    ours, theirs = tools
    mine: dict[str, list[float]] = {}
    baseline: dict[str, list[float]] = {}
    with_baseline = scenario.theirs is not None and theirs is not None
    for round_ in range(warmup + repeat):
        kept = round_ >= warmup
        for row, seconds in scenario.ours(ours, roots[0]).items():
            if kept:
                mine.setdefault(row, []).append(seconds)
        if with_baseline:
            assert scenario.theirs is not None
            assert theirs is not None
            assert roots[1] is not None
            for row, seconds in scenario.theirs(theirs, roots[1]).items():
                if kept:
                    baseline.setdefault(row, []).append(seconds)
    return {
        row: Figure(
            statistics.median(samples),
            statistics.median(baseline[row]) if row in baseline else None,
        )
        for row, samples in mine.items()
    }


def select(names: str | None) -> list[Scenario]:
    """The scenarios named (comma-separated `Scenario.name`s), all when None."""
    if names is None:
        return list(SCENARIOS)
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    known = {scenario.name for scenario in SCENARIOS}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        choices = ", ".join(sorted(known))
        raise SystemExit(f"unknown --rows {', '.join(unknown)}; choose from {choices}")
    return [scenario for scenario in SCENARIOS if scenario.name in wanted]


def run(
    sizes: list[int],
    repeat: int,
    *,
    warmup: int = 1,
    install: bool,
    baseline: bool,
    scenarios: list[Scenario] | None = None,
) -> dict[tuple[str, int], Figure]:
    """Every scenario (all, or those given) at every size: {(row, size): medians}."""
    chosen = SCENARIOS if scenarios is None else scenarios
    # No baseline to install when no chosen scenario has one.
    baseline = baseline and any(scenario.theirs is not None for scenario in chosen)
    results: dict[tuple[str, int], Figure] = {}
    with tempfile.TemporaryDirectory(prefix="polepos-bench-") as folder:
        scratch = Path(folder)
        print("installing ours" + (" and 0.0.46" if baseline else ""), flush=True)
        ours = install_ours(scratch, install=install)
        theirs = install_theirs(scratch) if baseline else None
        tools = (ours, theirs)
        for scenario in (s for s in chosen if not s.project):
            figures = measure(scenario, tools, (scratch, scratch), repeat, warmup)
            results.update({(row, 0): figure for row, figure in figures.items()})
        for size in sizes if any(s.project for s in chosen) else []:
            print(f"building projects of {size} modules", flush=True)
            roots = (
                build_ours(ours, scratch / f"ours-{size}", size),
                (
                    build_theirs(theirs, scratch / f"theirs-{size}", size)
                    if theirs is not None
                    else None
                ),
            )
            for scenario in chosen:
                if not scenario.project or size not in (scenario.sizes or sizes):
                    continue
                print(f"  {scenario.name} at {size}", flush=True)
                try:
                    figures = measure(scenario, tools, roots, repeat, warmup)
                except Skip as skipped:
                    print(f"  skipped {scenario.name}: {skipped}", flush=True)
                    continue
                results.update({(row, size): f for row, f in figures.items()})
    return results


def table(results: dict[tuple[str, int], Figure]) -> str:
    """The results as text: one line per row and size, with the ratio."""
    lines = [f"{'row':<20}{'N':>5}{'ours ms':>10}{'0.0.46 ms':>11}{'ratio':>9}"]
    order: list[str] = []
    for row, _size in results:
        if row not in order:
            order.append(row)
    for row in order:
        sizes = sorted(size for name, size in results if name == row)
        for size in sizes:
            figure = results[(row, size)]
            shown = "-" if size == 0 else str(size)
            if figure.theirs is not None:
                theirs = f"{figure.theirs * 1000:>11.0f}"
                ratio = f"{figure.ours / figure.theirs:>8.2f}x"
            else:
                first = results[(row, sizes[0])].ours
                theirs = f"{'-':>11}"
                ratio = f"{figure.ours / first:>7.2f}x*"
            lines.append(
                f"{row:<20}{shown:>5}{figure.ours * 1000:>10.0f}{theirs}{ratio}"
            )
    lines.append("* no baseline: ratio to our own time at the smallest size")
    return "\n".join(lines)


# Wall-clock budgets (seconds, median) for a row at a project size. They live
# here, not in the test suite, where a loaded machine would fail them for reasons
# the code does not control; tests/checks/test_scale.py counts parses instead.
BUDGETS = {("check cold", 200): 5.0}


def over_budget(results: dict[tuple[str, int], Figure]) -> bool:
    """Print each budget measured in this run against its figure; True when over."""
    over = False
    for (row, size), budget in BUDGETS.items():
        if (row, size) not in results:
            continue
        seconds = results[(row, size)].ours
        verdict = "ok" if seconds < budget else "OVER BUDGET"
        over = over or seconds >= budget
        print(f"budget: {row} at N={size} {seconds:.2f} s < {budget:.1f} s: {verdict}")
    return over


def main(argv: list[str] | None = None) -> int:
    """Install, measure, print the table; 1 when a budget is exceeded."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,20,200")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--warmup", type=int, default=1, help="rounds run first and not counted"
    )
    parser.add_argument("--quick", action="store_true", help="1 module, 1 sample")
    parser.add_argument(
        "--no-install", action="store_true", help="time this interpreter's polepos"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip 0.0.46")
    parser.add_argument(
        "--rows",
        help="only these scenarios, comma-separated: "
        + ", ".join(scenario.name for scenario in SCENARIOS),
    )
    options = parser.parse_args(argv)
    scenarios = select(options.rows)
    sizes = [int(size) for size in options.sizes.split(",")]
    repeat, warmup = options.repeat, options.warmup
    if options.quick:
        sizes, repeat, warmup = [1], 1, 0
    results = run(
        sizes,
        repeat,
        warmup=warmup,
        install=not options.no_install,
        baseline=not options.no_baseline,
        scenarios=scenarios,
    )
    print(
        f"\nmedian of {repeat} after {warmup} warm-up round(s), interleaved; "
        "ratio = ours / 0.0.46"
    )
    print(table(results))
    return 1 if over_budget(results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
