"""The check cache: per-file results reused only for unchanged bytes, never different.

Parsers are counted by patching them (no wall-clock): a warm check of an
unchanged project runs none, and an edited file is the only one parsed again.
"""

from __future__ import annotations

import ast
import json
import shutil
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import libcst
import pytest
import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pole_position
from pole_position.cli.services.check import check_project
from pole_position.cli.services.check.cache import cache_path
from tests.checks._support import (
    ENV,
    EXPORTS,
    LOCK,
    MANIFEST,
    MODELS,
    PKG,
    PYPROJECT,
    ROUTER,
    generate,
)
from tests.conftest import Runner

SERVICE = f"{PKG}/modules/orders/repository.py"
# What a warm check still parses: nothing (even the manifest's record, whose
# [layout] is in every other key, is kept under its own content hash).
WARM: dict[str, int] = {}


class Parsers:
    """Counts every real parser call (LibCST, ast, tomlkit, tomllib) while active."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        for owner, name in (
            (libcst, "parse_module"),
            (ast, "parse"),
            (tomlkit, "parse"),
            (tomllib, "loads"),
        ):
            self._count(monkeypatch, owner, name)

    def _count(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        original = getattr(owner, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            # ast.literal_eval parses expressions (mode "eval"); files are modules.
            if kwargs.get("mode", "exec") == "exec":
                self.calls[f"{owner.__name__}.{name}"] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with two modules (one crud) and a `.env`, made once."""
    from tests.conftest import Result

    parent = tmp_path_factory.mktemp("pristine")

    def run(*args: str, cwd: Path | None = None) -> Result:
        import contextlib
        import io
        import os

        from pole_position.cli.main import main

        before = os.getcwd()
        os.chdir(cwd or before)
        try:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(args))
        finally:
            os.chdir(before)
        return Result(code, out.getvalue(), err.getvalue())

    root = generate(run, parent, ("orders:crud", "notes:standard"))
    shutil.copy(root / ENV, root / ".env")
    return root


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the pristine project."""
    root = tmp_path / "shop-api"
    shutil.copytree(pristine, root)
    return root


def as_json(root: Path, *, cache: bool) -> dict[str, Any]:
    """The check's JSON report (what users see)."""
    data: dict[str, Any] = json.loads(check_project(root, cache=cache).as_json())
    return data


def test_a_warm_check_parses_nothing_and_reports_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check_project(project)
    assert cold.parses, "the cold check parsed nothing"
    parsers = Parsers(monkeypatch)
    warm = check_project(project)
    assert warm.parses == WARM
    assert parsers.calls == Counter()
    assert warm.as_json() == cold.as_json()


def test_a_changed_file_is_checked_again_and_alone(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_project(project)
    router = project / ROUTER
    text = router.read_text()
    include = next(line for line in text.splitlines() if "include_router" in line)
    router.write_text(text.replace(include + "\n", "", 1))
    warm = check_project(project)
    assert set(warm.parses) == {ROUTER, *WARM}
    assert any(f.path == ROUTER for f in warm.errors), warm.as_text()
    assert warm.as_json() == check_project(project, cache=False).as_json()

    service = project / SERVICE
    service.write_text(service.read_text() + "\nfrom shop_api.modules.gone import x\n")
    again = check_project(project)
    assert set(again.parses) == {SERVICE, *WARM}
    assert any(f.path == SERVICE for f in again.issues), again.as_text()


def test_a_new_polepos_version_invalidates_the_cache(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check_project(project)
    assert check_project(project).parses == WARM
    monkeypatch.setattr(pole_position, "__version__", "999.0.0")
    upgraded = check_project(project)
    assert upgraded.parses == cold.parses
    assert check_project(project).parses == WARM  # rebuilt for the new version


@pytest.mark.parametrize(
    "damage",
    [b"\x00\xffnot json", b"{", b"[]", b'{"polepos": 1, "entries": 7}', b""],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(project: Path, damage: bytes) -> None:
    truth = as_json(project, cache=False)
    check_project(project)
    stored = cache_path(project)
    stored.write_bytes(damage)
    assert as_json(project, cache=True) == truth
    assert json.loads(stored.read_bytes())["entries"], "the cache was not rebuilt"
    assert check_project(project).parses == WARM


def test_damaged_entries_are_recomputed_not_trusted(project: Path) -> None:
    truth = as_json(project, cache=False)
    check_project(project)
    stored = cache_path(project)
    data = json.loads(stored.read_bytes())
    data["entries"] = dict.fromkeys(data["entries"], "garbage")
    stored.write_text(json.dumps(data))
    assert as_json(project, cache=True) == truth


def test_an_unwritable_cache_folder_costs_only_time(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    truth = as_json(project, cache=False)
    assert as_json(project, cache=True) == truth
    assert as_json(project, cache=True) == truth


def test_no_cache_is_honoured(
    project: Path, polepos: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert polepos("check", "--no-cache", cwd=project).exit_code == 0
    assert not cache_path(project).exists(), "--no-cache wrote a cache"
    assert polepos("check", cwd=project).exit_code == 0
    assert cache_path(project).exists()
    parsers = Parsers(monkeypatch)
    assert polepos("check", "--no-cache", cwd=project).exit_code == 0
    # Text faces decide a generated project's wiring on `ast`, without LibCST.
    parsed = parsers.calls["libcst.parse_module"] + parsers.calls["ast.parse"]
    assert parsed > 0, "--no-cache used the cache"


def test_fix_sees_the_truth_and_drops_the_cache(project: Path, polepos: Runner) -> None:
    assert polepos("check", cwd=project).exit_code == 0
    router = project / ROUTER
    text = router.read_text()
    include = next(line for line in text.splitlines() if "include_router" in line)
    router.write_text(text.replace(include + "\n", "", 1))
    fixed = polepos("check", "--fix", cwd=project)
    assert fixed.exit_code == 0, fixed.stdout
    assert "fixed:" in fixed.stdout
    assert not cache_path(project).exists()
    assert router.read_text() == text


# --- with and without the cache, over any sequence of edits ----------------

FILES = [ROUTER, MODELS, EXPORTS, SERVICE, MANIFEST, LOCK, PYPROJECT, ENV, ".env"]
EDITS = ["drop line", "duplicate line", "break syntax", "not utf-8", "delete", "same"]


def _edit(root: Path, path: str, edit: str, line: int) -> None:
    target = root / path
    if edit == "delete":
        target.unlink(missing_ok=True)
        return
    data = target.read_bytes() if target.exists() else b""
    lines = data.splitlines(keepends=True)
    index = line % len(lines) if lines else 0
    if edit == "drop line" and lines:
        del lines[index]
    elif edit == "duplicate line" and lines:
        lines.insert(index, lines[index])
    elif edit == "break syntax":
        lines.insert(index, b"x = ([\n")
    elif edit == "not utf-8":
        lines.insert(index, b"# \xff\xfe\n")
    target.write_bytes(b"".join(lines))


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(FILES),
            st.sampled_from(EDITS),
            st.integers(min_value=0, max_value=200),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_findings_with_and_without_the_cache_are_identical(
    pristine: Path, tmp_path: Path, edits: list[tuple[str, str, int]]
) -> None:
    # One root across examples: stale entries of earlier examples stay in the cache.
    root = tmp_path / "shop-api"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(pristine, root)
    assert as_json(root, cache=True) == as_json(root, cache=False)
    for path, edit, line in edits:
        _edit(root, path, edit, line)
        assert as_json(root, cache=True) == as_json(root, cache=False), (path, edit)


def test_the_checker_spells_the_upgrade_section_as_the_planner_does() -> None:
    from pole_position.cli.services.check.upgrades import SECTION
    from pole_position.cli.services.plans.upgrade.apply import CONFLICT_SECTION

    assert SECTION == CONFLICT_SECTION


def test_the_checker_spells_the_wiring_paths_as_the_codemods_do() -> None:
    # lifecycle.check_orphans_and_order names them without importing the codemods.
    from codemods import model, router
    from codemods.env import ENV_PATH
    from pole_position.cli.services.check.user_env import ENV_EXAMPLE

    assert router.router_path("shop_api") == ROUTER
    assert model.models_path("shop_api") == MODELS
    assert ENV_PATH == ENV_EXAMPLE


def test_a_key_written_twice_in_the_manifest_is_a_finding(project: Path) -> None:
    # Found by the property test above: tomlkit raises KeyAlreadyPresent, not
    # ParseError, and that escaped as an internal error.
    manifest = project / MANIFEST
    lines = manifest.read_text().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("orders ="))
    manifest.write_text("".join([*lines[: index + 1], *lines[index:]]))
    report = as_json(project, cache=False)
    assert "PP010" in [issue["code"] for issue in report["issues"]]
    assert as_json(project, cache=True) == report
