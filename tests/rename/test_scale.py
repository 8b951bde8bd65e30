"""Scale: renaming a module parses the same files in a project of 1 or 200 modules.

The time is measured by `bench/cli.py` (`rename module` at 1, 20 and 200
modules), not here: a wall-clock budget fails on a loaded machine for reasons
the code does not control. What keeps the rename flat is that it parses and
transforms only the module's own files and the wiring files, never the other
modules' files: counted here by patching the parser and the transform.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from pathlib import Path
from typing import Any

import libcst
import pytest

from pole_position.cli.main import main
from pole_position.cli.services.catalog.modules import TEMPLATES
from pole_position.cli.services.plans.field import plan_add_fields
from pole_position.cli.services.plans.module.add import ModuleRequest, plan_add_modules
from pole_position.cli.services.plans.rename import plan_rename_module, renamer
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state

USER_FILE = "src/shop/reports/use.py"


def _project(base: Path, modules: int) -> Path:
    """`polepos start shop` plus `modules` standard modules, in one change set."""
    here = Path.cwd()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            os.chdir(base)
            assert main(["start", "shop", "--no-git"]) == 0
        finally:
            os.chdir(here)
    root = base / "shop"
    requests = [
        ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
        for index in range(modules)
    ]
    plan_add_modules(load_state(locate_project(root)), requests).commit()
    # One user file imports the renamed module: the one file the rename transforms.
    (root / "src/shop/reports").mkdir()
    (root / "src/shop/reports/__init__.py").write_text("")
    (root / USER_FILE).write_text("from ..modules.m000 import schemas\n")
    return root


class Work:
    """What one plan parsed and transformed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: Counter[str] = Counter()  # change-set paths parsed
        self.parser_calls = 0  # every libcst.parse_module, whoever calls it
        self.transforms = 0  # full import-rename passes
        parse = ChangeSet._parse

        def counted_parse(changes: ChangeSet, path: str, *args: Any) -> Any:
            self.parsed[path] += 1
            return parse(changes, path, *args)

        parse_module = libcst.parse_module

        def counted_parser(*args: Any, **kwargs: Any) -> Any:
            self.parser_calls += 1
            return parse_module(*args, **kwargs)

        rename_imports = renamer.rename_imports

        def counted_transform(*args: Any, **kwargs: Any) -> Any:
            self.transforms += 1
            return rename_imports(*args, **kwargs)

        monkeypatch.setattr(ChangeSet, "_parse", counted_parse)
        monkeypatch.setattr(libcst, "parse_module", counted_parser)
        monkeypatch.setattr(renamer, "rename_imports", counted_transform)


def _rename_work(root: Path, monkeypatch: pytest.MonkeyPatch) -> Work:
    work = Work(monkeypatch)
    plan = plan_rename_module(load_state(locate_project(root)), "m000", "renamed")
    changes = {change.path: change.new for change in plan.changes.changes()}
    monkeypatch.undo()
    assert "src/shop/modules/renamed/__init__.py" in changes
    assert changes[USER_FILE] == "from ..modules.renamed import schemas\n"
    return work


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Projects of 1 and of 200 modules, built once (plans here never commit)."""
    one = _project(tmp_path_factory.mktemp("one"), 1)
    many = _project(tmp_path_factory.mktemp("many"), 200)
    assert len(list((many / "src/shop/modules").glob("m*/__init__.py"))) == 200
    return one, many


def test_a_rename_parses_the_same_files_at_1_and_200_modules(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, many = projects
    small = _rename_work(one, monkeypatch)
    large = _rename_work(many, monkeypatch)

    assert large.parsed == small.parsed
    assert set(large.parsed.values()) == {1}, "a file was parsed twice"
    assert {p for p in large.parsed if "/m1" in p or "/m0" in p} == set()
    python = [path for path in large.parsed if path.endswith(".py")]
    assert large.parser_calls == small.parser_calls == len(python)
    # The wiring files (router, models, exports) name m000 only in the lines the
    # rename unwires: at most parsed once, for the wiring, and never transformed.
    # The user file importing m000 is the one file transformed.
    wiring = {
        "src/shop/api/router.py",
        "src/shop/db/models.py",
        "src/shop/modules/__init__.py",
    }
    assert USER_FILE in python
    assert set(python) <= wiring | {USER_FILE}
    assert large.transforms == small.transforms == 1


def test_add_field_parses_the_same_files_at_1_and_200_modules(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = []
    for root in projects:
        work = Work(monkeypatch)
        plan = plan_add_fields(load_state(locate_project(root)), "m000", ["email:str"])
        changed = [change.path for change in plan.changes.changes()]
        monkeypatch.undo()
        assert "src/shop/modules/m000/model.py" in changed
        counts.append((work.parsed, work.parser_calls))
    (small, small_calls), (large, large_calls) = counts
    assert large == small
    assert "src/shop/modules/m000/model.py" in large
    assert set(large.values()) == {1}, "a file was parsed twice"
    assert large_calls == small_calls


def test_a_rename_reads_the_recorded_fields_without_tomlkit(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The manifest grows a line per module: parsing it again with tomlkit made
    # the rename's cost grow with the project (the state already holds it).
    import tomlkit.parser

    parse = tomlkit.parser.Parser.parse
    for root in projects:
        parses = 0

        def counted(parser: tomlkit.parser.Parser) -> Any:
            nonlocal parses
            parses += 1
            return parse(parser)

        monkeypatch.setattr(tomlkit.parser.Parser, "parse", counted)
        _rename_work(root, monkeypatch)
        assert parses == 0, root


def test_a_rename_parses_each_wiring_file_with_ast_a_bounded_number_of_times(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The router file grows a line pair per module: unwiring and wiring it
    # again parsed it three times (each face, then the change set's syntax
    # check). Its edits are whole statements, so the outline of each result is
    # derived from the first parse (codemods.python_text.splice_outline).
    import ast

    from codemods import python_text
    from pole_position.cli.services.project.text_faces import VERIFY

    markers = (
        ("# polepos:router-includes", "router"),
        ("# polepos:model-imports", "models"),
        ("# polepos:module-exports", "exports"),
    )
    parse = ast.parse
    parsed: Counter[str] = Counter()

    def counted(source: Any, *args: Any, **kwargs: Any) -> Any:
        text = source if isinstance(source, str) else ""
        parsed.update(name for marker, name in markers if marker in text)
        return parse(source, *args, **kwargs)

    counts = []
    for root in projects:
        # Verification parses everything again on purpose; users never run it.
        monkeypatch.delenv(VERIFY, raising=False)
        python_text.clear_caches()
        parsed.clear()
        monkeypatch.setattr(ast, "parse", counted)
        plan = plan_rename_module(load_state(locate_project(root)), "m000", "renamed")
        plan.changes.changes()
        monkeypatch.undo()
        counts.append(Counter(parsed))
    small, large = counts
    assert large == small
    # The model and export edits fall inside one statement (the `def`, the
    # `__all__` list), whose new structure the faces derive too
    # (`splice_suite`, `splice_statement`): each file is parsed once.
    assert large["router"] == large["models"] == large["exports"] == 1


def test_the_scan_child_imports_only_os_and_sys() -> None:
    # The importer search runs in a child on every rename; importing json,
    # subprocess and dataclasses there cost it three times its interpreter's
    # start, on the core the planning shares on a loaded machine.
    import subprocess
    import sys

    from pole_position.cli.services.plans.rename import scan_child

    def imported(*args: str) -> set[str]:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-X", "importtime", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        lines = [line for line in done.stderr.splitlines() if "|" in line]
        return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}

    started = imported("-c", "import os, sys")  # os: frozen, loaded by site
    child = imported(str(scan_child.__file__), str(Path.cwd()), "no-such-word")
    assert child - started == set()


def test_a_rename_and_back_hash_the_same_bytes_at_1_and_200_modules(
    projects: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The journal took a SHA-256 of each pre-image, the 200-module lock's
    # 225 kB among them; it checks them with CRC-32 now. SHA-256 is left for
    # the lock's records of the module's own files: the same at any size.
    from codemods import digest
    from pole_position.cli.services.project import journal
    from tests.conftest import tree_digest

    hashed: list[int] = []
    for root in projects:
        before = tree_digest(root)
        sha256_hex = digest.sha256_hex
        counted: list[int] = []

        def counting(
            data: bytes, counted: list[int] = counted, sha256_hex: Any = sha256_hex
        ) -> str:
            counted.append(len(data))
            return str(sha256_hex(data))

        monkeypatch.setattr(digest, "sha256_hex", counting)
        monkeypatch.setattr(journal, "sha256_hex", counting)
        monkeypatch.chdir(root)
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
            assert main(["rename", "module", "m000", "renamed"]) == 0
            assert main(["rename", "module", "renamed", "m000"]) == 0
        monkeypatch.undo()
        assert tree_digest(root) == before, "renaming back changed a byte"
        hashed.append(sum(counted))
    small, large = hashed
    assert large == small
