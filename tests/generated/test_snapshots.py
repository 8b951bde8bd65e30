"""Syrupy snapshots of every generated file, per database mode.

Any template change shows up here as a reviewed diff: update with
`scripts/test tests/generated --snapshot-update` and read the .ambr diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import Runner


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none"])
def test_generated_project(
    polepos: Runner, tmp_path: Path, snapshot: SnapshotAssertion, db: str
) -> None:
    result = polepos("start", "shop-api", "--db", db, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert _files(tmp_path / "shop-api") == snapshot


def test_no_bytecode_variant(
    polepos: Runner, tmp_path: Path, snapshot: SnapshotAssertion
) -> None:
    result = polepos("start", "fast-api-svc", "--no-bytecode", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    files = _files(tmp_path / "fast-api-svc")
    assert "PYTHONDONTWRITEBYTECODE" in files["Dockerfile"]
    assert {
        k: v for k, v in files.items() if k in {"README.md", "Dockerfile"}
    } == snapshot
