"""Scale: a 200-module project is checked with every file read and parsed at most once.

The time it takes is measured by `bench/cli.py` (`check` at 1, 20 and 200 modules),
not here: a wall-clock budget fails on a loaded machine for reasons the code does
not control. What keeps `check` linear is that no file is read or parsed twice,
which is counted here by patching the readers and parsers themselves.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path
from typing import Any

import libcst
import pytest
import tomlkit

from pole_position.cli.services.catalog.modules import TEMPLATES
from pole_position.cli.services.check import check_project
from pole_position.cli.services.plans.module.add import ModuleRequest, plan_add_modules
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state
from tests.conftest import Runner

MODULES = 200
WIRING_FILES = {
    "src/shop_api/api/router.py",
    "src/shop_api/db/models.py",
    "src/shop_api/modules/__init__.py",
    "src/shop_api/integrations/__init__.py",
    "src/shop_api/settings.py",
}


class Calls:
    """Counts of every file read and every parser call during one check."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads: Counter[Path] = Counter()
        self.parsers: Counter[str] = Counter()
        self._count_reads(monkeypatch, "read_bytes")
        self._count_reads(monkeypatch, "read_text")
        self._count_opens(monkeypatch)
        self._count_parser(monkeypatch, libcst, "parse_module")
        self._count_parser(monkeypatch, ast, "parse")
        self._count_parser(monkeypatch, tomlkit, "parse")

    def _count_reads(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        original = getattr(Path, name)

        def counted(path: Path, *args: Any, **kwargs: Any) -> Any:
            self.reads[path.resolve()] += 1
            return original(path, *args, **kwargs)

        monkeypatch.setattr(Path, name, counted)

    def _count_opens(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # The checker's file cache reads with the builtin `open` (no Path objects).
        import builtins

        from pole_position.cli.services.check import documents

        def counted(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            self.reads[Path(file).resolve()] += 1
            return builtins.open(file, mode, *args, **kwargs)

        monkeypatch.setattr(documents, "open", counted, raising=False)

    def _count_parser(
        self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str
    ) -> None:
        original = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            # ast.literal_eval parses expressions (mode "eval"); files are modules.
            if kwargs.get("mode", "exec") == "exec":
                self.parsers[f"{owner.__name__}.{name}"] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


def test_check_of_200_modules_reads_and_parses_each_file_once(
    polepos: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    requests = [
        ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
        for index in range(MODULES)
    ]
    plan_add_modules(load_state(locate_project(root)), requests).commit()  # one set
    assert len(list((root / "src/shop_api/modules").glob("m*/__init__.py"))) == MODULES

    calls = Calls(monkeypatch)
    report = check_project(root)
    monkeypatch.undo()

    assert report.passed, [f.message for f in report.issues]
    assert report.issues == []
    assert report.parses, "the checker parsed nothing"
    assert {path: count for path, count in report.parses.items() if count > 1} == {}
    # Every module's Python files were read (for the cycle scan), each once.
    scanned = [p for p in report.parses if p.startswith("src/shop_api/modules/m")]
    assert len({p.split("/")[3] for p in scanned}) == MODULES
    # The checker's own bookkeeping agrees with what really happened: no file was
    # read twice, and the parsers ran no more often than there are parsed files.
    assert {path: n for path, n in calls.reads.items() if n > 1} == {}
    project_reads = [path for path in calls.reads if path.is_relative_to(root)]
    assert len(project_reads) >= len(report.parses)
    # The text readers' `ast` parses of the wiring files count apart (a file they
    # leave undecided is parsed again, with LibCST).
    assert set(report.text_parses) <= WIRING_FILES
    # The operations' own text faces (codemods.python_text) outline the wiring
    # files from the text readers' own `ast` parse: one per wiring file in all.
    parsed = len(report.parses) + len(WIRING_FILES)
    assert 0 < sum(calls.parsers.values()) <= parsed, calls.parsers
