"""Shell completion of `add field` / `remove field`: modules, then recorded fields."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Runner


def _complete(cwd: Path, words: str) -> list[str]:
    env = {
        **os.environ,
        "_POLEPOS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    completed = subprocess.run(
        [sys.executable, "-m", "pole_position"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return completed.stdout.split()


def test_modules_with_a_model_then_their_recorded_fields(
    polepos: Runner, tmp_path: Path
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    for args in (("orders", "--template", "crud"), ("health", "--api-only")):
        assert polepos("add", "module", *args, cwd=root).exit_code == 0
    added = polepos("add", "field", "orders", "email:str", "visits:int", cwd=root)
    assert added.exit_code == 0

    assert _complete(root, "polepos add field ") == ["orders"]
    assert _complete(root, "polepos remove field ") == ["orders"]
    assert _complete(root, "polepos remove field orders ") == ["email", "visits"]
    assert _complete(root, "polepos remove field orders v") == ["visits"]
    assert _complete(root, "polepos remove field orders email ") == ["visits"]
    assert _complete(root, "polepos remove field health ") == []
