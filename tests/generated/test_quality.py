"""Generated code is clean by construction: black, isort and ruff, for every db mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.generated._support import assert_project_is_clean


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none"])
def test_generated_python_is_clean(polepos: Runner, tmp_path: Path, db: str) -> None:
    result = polepos("start", "shop-api", "--db", db, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert_project_is_clean(tmp_path / "shop-api")


def test_none_mode_has_no_database_remnants(polepos: Runner, tmp_path: Path) -> None:
    assert polepos("start", "svc", "--db", "none", cwd=tmp_path).exit_code == 0
    root = tmp_path / "svc"
    assert not (root / "alembic.ini").exists()
    assert not (root / "migrations").exists()
    assert not (root / "src" / "svc" / "db").exists()
    text = "\n".join(
        p.read_text()
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".md" and ".git" not in p.parts
    ).lower()
    for remnant in ("sqlalchemy", "alembic", "database_url", "psycopg"):
        assert remnant not in text, remnant


def test_sqlite_project_has_no_postgres_driver(polepos: Runner, tmp_path: Path) -> None:
    assert polepos("start", "svc", cwd=tmp_path).exit_code == 0
    assert "psycopg" not in (tmp_path / "svc" / "pyproject.toml").read_text()


def test_postgres_project_uses_psycopg(polepos: Runner, tmp_path: Path) -> None:
    assert polepos("start", "svc", "--db", "postgres", cwd=tmp_path).exit_code == 0
    root = tmp_path / "svc"
    assert "psycopg" in (root / "pyproject.toml").read_text()
    assert "postgresql+psycopg://" in (root / "src" / "svc" / "settings.py").read_text()


def test_manifest_records_package_db_and_starter(
    polepos: Runner, tmp_path: Path
) -> None:
    import tomllib

    assert polepos("start", "shop-api", "--db", "postgres", cwd=tmp_path).exit_code == 0
    manifest = tomllib.loads((tmp_path / "shop-api" / ".poleposition.toml").read_text())
    assert manifest["poleposition"]["package"] == "shop_api"
    assert manifest["poleposition"]["db"] == "postgres"
    assert manifest["modules"] == {"status": "starter"}


def test_trace_and_diff_write_nothing(polepos: Runner, tmp_path: Path) -> None:
    traced = polepos("start", "shop-api", "--trace", cwd=tmp_path)
    assert traced.exit_code == 0
    assert "create src/shop_api/app.py" in traced.stdout
    diffed = polepos("start", "shop-api", "--diff", cwd=tmp_path)
    assert diffed.exit_code == 0
    assert "+++ b/src/shop_api/api/router.py" in diffed.stdout
    assert list(tmp_path.iterdir()) == []
