"""Helpers of the check tests: generated projects and `polepos check --json` runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Runner

PKG = "src/shop_api"
ROUTER = f"{PKG}/api/router.py"
MODELS = f"{PKG}/db/models.py"
EXPORTS = f"{PKG}/modules/__init__.py"
INTEGRATIONS = f"{PKG}/integrations/__init__.py"
SETTINGS = f"{PKG}/settings.py"
ENV = ".env.example"
PYPROJECT = "pyproject.toml"
MANIFEST = ".poleposition.toml"
LOCK = ".poleposition.lock"


def generate(
    polepos: Runner,
    parent: Path,
    modules: tuple[str, ...] = (),
    db: str = "sqlite",
    integrations: tuple[str, ...] = (),
) -> Path:
    """`polepos start shop-api --db DB`, then `polepos add module|integration`.

    `modules` holds `name:template` entries.
    """
    started = polepos("start", "shop-api", "--db", db, cwd=parent)
    assert started.exit_code == 0, started.stderr
    root = parent / "shop-api"
    for entry in modules:
        name, template = entry.split(":")
        added = polepos("add", "module", name, "--template", template, cwd=root)
        assert added.exit_code == 0, added.stderr
    for name in integrations:
        added = polepos("add", "integration", name, cwd=root)
        assert added.exit_code == 0, added.stderr
    return root


def check_json(polepos: Runner, root: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """Run `polepos check --json [extra]`; its exit code and parsed output."""
    result = polepos("check", "--json", *extra, cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert result.exit_code == (0 if data["passed"] else 1)
    return result.exit_code, data


def changed_files(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Files added, changed or deleted between two `tree_digest`s."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


def line_of(root: Path, path: str, line: int) -> str:
    """Line `line` (1-based) of a project file."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    assert 1 <= line <= len(lines), f"{path}:{line} is past the end of the file"
    return lines[line - 1]


def edit(root: Path, path: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old`, which must be in the file, by `new`."""
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    target.write_text(text.replace(old, new, count), encoding="utf-8")
