"""Scale: a 200-module project is checked with every file parsed at most once, fast."""

from __future__ import annotations

import time
from pathlib import Path

from pole_position.cli.services.module_catalog import TEMPLATES
from pole_position.cli.services.module_creator import ModuleRequest, plan_add_modules
from pole_position.cli.services.project_checker import check_project
from pole_position.cli.services.project_locator import locate_project
from pole_position.cli.services.project_state import load_state
from tests.conftest import Runner

MODULES = 200
BUDGET_SECONDS = 5.0  # generous: a loaded 2-core CI machine


def test_check_of_200_modules_parses_each_file_once_and_is_fast(
    polepos: Runner, tmp_path: Path
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    requests = [
        ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
        for index in range(MODULES)
    ]
    plan_add_modules(load_state(locate_project(root)), requests).commit()  # one set
    assert len(list((root / "src/shop_api/modules").glob("m*/__init__.py"))) == MODULES

    started = time.perf_counter()
    report = check_project(root)
    seconds = time.perf_counter() - started
    print(f"\ncheck of {MODULES} modules: {seconds:.3f} s, {len(report.parses)} files")

    assert report.passed, [f.message for f in report.issues]
    assert report.issues == []
    assert report.parses, "the checker parsed nothing"
    assert {path: count for path, count in report.parses.items() if count > 1} == {}
    # Every module's Python files were read (for the cycle scan), each once.
    scanned = [p for p in report.parses if p.startswith("src/shop_api/modules/m")]
    assert len({p.split("/")[3] for p in scanned}) == MODULES
    assert seconds < BUDGET_SECONDS, f"check took {seconds:.2f} s"
