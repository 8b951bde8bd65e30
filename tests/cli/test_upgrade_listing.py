"""`upgrade --apply` lists what it wrote, like `add`; `--json` keeps stdout JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Runner


def test_apply_lists_the_files_it_updated(
    polepos: Runner, old_project: Callable[..., Path]
) -> None:
    root = old_project("shop")
    result = polepos("upgrade", "--apply", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "  edit    README.md" in result.stdout.splitlines()


def test_apply_with_json_prints_one_json_document(
    polepos: Runner, old_project: Callable[..., Path]
) -> None:
    root = old_project("shop")
    result = polepos("upgrade", "--apply", "--json", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["files"]
