"""A check reads the manifest on its lines (`codemods.toml_lines`) and
pyproject.toml with tomllib when it can, and tomlkit only otherwise: either way
every finding is the one tomlkit's reading gives.

`CheckReport.parses` counts the files parsed with tomlkit (or LibCST), so each
test also shows which reader answered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods import Finding
from pole_position.cli.services.check import check_project
from tests.checks._support import MANIFEST, PYPROJECT, edit, generate
from tests.conftest import Runner


@pytest.fixture
def shop(polepos: Runner, tmp_path: Path) -> Path:
    return generate(polepos, tmp_path, ("orders:crud",))


def _findings(root: Path) -> tuple[list[Finding], dict[str, int]]:
    report = check_project(root, cache=False)
    return report.issues, report.parses


def _literal_strings(root: Path) -> None:
    """The same manifest, line for line, in a shape only tomlkit reads."""
    path = root / MANIFEST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"', "'"), encoding="utf-8")


MANIFEST_EDITS = {
    "clean": None,
    "unknown [fields] module": ("[integrations]\n", '[fields]\nnobody = "a:str"\n'),
    "invalid [fields] spec": ("[integrations]\n", '[fields]\norders = "email"\n'),
    "package not a module name": ('package = "shop_api"', 'package = "shop api"'),
    "unrecorded module": ('orders = "crud"\n', ""),
}


@pytest.mark.parametrize("change", MANIFEST_EDITS.values(), ids=MANIFEST_EDITS)
def test_a_plain_manifest_gives_the_findings_tomlkit_gives(
    shop: Path, change: tuple[str, str] | None
) -> None:
    if change is not None:
        edit(shop, MANIFEST, *change)
    plain, plain_parses = _findings(shop)
    _literal_strings(shop)
    parsed, parsed_parses = _findings(shop)
    assert MANIFEST not in plain_parses  # read on its lines
    assert parsed_parses.get(MANIFEST) == 1  # read by tomlkit, once
    assert [f.as_dict() for f in plain] == [f.as_dict() for f in parsed]
    assert (plain == []) == (change is None)


def test_a_valid_pyproject_is_read_without_tomlkit(shop: Path) -> None:
    issues, parses = _findings(shop)
    assert issues == []
    assert PYPROJECT not in parses


def test_a_pyproject_without_a_project_table_is_reported(shop: Path) -> None:
    edit(shop, PYPROJECT, "[project]\n", "[project-x]\n")
    edit(shop, PYPROJECT, "[project.optional-dependencies]", "[other]")
    issues, parses = _findings(shop)
    assert PYPROJECT not in parses
    assert [(f.code, f.message) for f in issues if f.path == PYPROJECT] == [
        ("PP002", "pyproject.toml has no [project] table")
    ]


def test_a_pyproject_tomllib_rejects_goes_to_tomlkit(shop: Path) -> None:
    edit(shop, PYPROJECT, "[project]\n", "[project\n")
    issues, parses = _findings(shop)
    assert parses.get(PYPROJECT) == 1
    assert [(f.code, f.message) for f in issues if f.path == PYPROJECT] == [
        ("PP002", "pyproject.toml is not valid TOML")
    ]
