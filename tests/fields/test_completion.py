"""Shell completion of `add field` / `remove field`: modules, then recorded fields."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Runner, complete_bash


def test_modules_with_a_model_then_their_recorded_fields(
    polepos: Runner, tmp_path: Path
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    for args in (("orders", "--template", "crud"), ("health", "--api-only")):
        assert polepos("add", "module", *args, cwd=root).exit_code == 0
    added = polepos("add", "field", "orders", "email:str", "visits:int", cwd=root)
    assert added.exit_code == 0

    assert complete_bash(root, "polepos add field ") == ["orders"]
    assert complete_bash(root, "polepos remove field ") == ["orders"]
    assert complete_bash(root, "polepos remove field orders ") == ["email", "visits"]
    assert complete_bash(root, "polepos remove field orders v") == ["visits"]
    assert complete_bash(root, "polepos remove field orders email ") == ["visits"]
    assert complete_bash(root, "polepos remove field health ") == []
