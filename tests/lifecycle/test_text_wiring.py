"""`add module` and `remove module` wire a generated project on text, and the
suite's verification catches a text face that disagrees with LibCST."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import libcst
import pytest

from codemods.export import ExportEntry
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.text_faces import VERIFY, TextFaceMismatch
from tests.conftest import Runner, tree_digest


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    original = libcst.parse_module

    def counted(source: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(str(source)[:40])
        return original(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counted)
    return parsed


@pytest.mark.parametrize("template", ["crud", "standard"])
def test_add_and_remove_module_parse_no_python_file(
    polepos: Runner, project: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.delenv(VERIFY)  # verification parses every file on purpose
    before = tree_digest(project)
    parsed = _count_parses(monkeypatch)
    assert polepos("add", "module", "orders", "-t", template).exit_code == 0
    assert polepos("remove", "module", "orders").exit_code == 0
    assert parsed == []
    assert tree_digest(project) == before


@dataclass(frozen=True)
class _Lying(ExportEntry):
    """An export whose text face forgets the item it should add."""

    def apply_text(self, text: str) -> str | None:
        return text


def test_a_text_face_that_disagrees_with_libcst_is_caught(project: Path) -> None:
    changes = ChangeSet(project)
    changes.wire([_Lying("src/shop_api/modules/__init__.py", "orders")])
    with pytest.raises(TextFaceMismatch):
        changes.changes()


def test_without_verification_the_text_answer_is_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(VERIFY)
    changes = ChangeSet(project)
    changes.wire([_Lying("src/shop_api/modules/__init__.py", "orders")])
    assert changes.changes() == []
