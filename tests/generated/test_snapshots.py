"""Syrupy snapshots of every generated file, per database mode.

Any template change shows up here as a reviewed diff: update with
`scripts/test tests/generated --snapshot-update` and read the .ambr diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.conftest import Runner

# `start` writes a fresh random secret into `.env`: 48 bytes, URL-safe base64.
SECRET_LINE = re.compile(r"^JWT_SECRET=([A-Za-z0-9_-]{64})$", re.M)
MASKED_SECRET = "JWT_SECRET=<random: 48 bytes, URL-safe base64>"


def _files(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def _masked(files: dict[str, str]) -> dict[str, str]:
    """The files with `.env`'s random secret masked (checked to be there first)."""
    assert len(SECRET_LINE.findall(files[".env"])) == 1, files[".env"]
    return {**files, ".env": SECRET_LINE.sub(MASKED_SECRET, files[".env"])}


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none"])
def test_generated_project(
    polepos: Runner, tmp_path: Path, snapshot: SnapshotAssertion, db: str
) -> None:
    result = polepos("start", "shop-api", "--db", db, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert _masked(_files(tmp_path / "shop-api")) == snapshot


def test_every_project_gets_its_own_secret(polepos: Runner, tmp_path: Path) -> None:
    secrets = set()
    for name in ("first", "second"):
        assert polepos("start", name, "--db", "none", cwd=tmp_path).exit_code == 0
        env = (tmp_path / name / ".env").read_text(encoding="utf-8")
        secrets.update(SECRET_LINE.findall(env))
        example = (tmp_path / name / ".env.example").read_text(encoding="utf-8")
        assert "JWT_SECRET=change-me-insecure-development-secret-key" in example
        gitignore = (tmp_path / name / ".gitignore").read_text(encoding="utf-8")
        assert ".env" in gitignore.splitlines()

    assert len(secrets) == 2


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
