"""A generated project really works: its own tests, Alembic, and a live server."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import run_polepos_process
from tests.e2e.conftest import RuntimeEnv, serve

pytestmark = pytest.mark.e2e


def _start(tmp_path: Path, db: str, env: RuntimeEnv) -> Path:
    created = run_polepos_process("start", "shop-api", "--db", db, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    root = tmp_path / "shop-api"
    env.install_project(root)
    return root


def _migrations_round_trip(root: Path, extra: dict[str, str] | None = None) -> None:
    revision = run_polepos_process(
        "db", "revision", "-m", "initial schema", cwd=root, env=extra
    )
    assert revision.returncode == 0, revision.stdout + revision.stderr
    versions = list((root / "migrations" / "versions").glob("*initial_schema*.py"))
    assert len(versions) == 1
    upgrade = run_polepos_process("db", "upgrade", cwd=root, env=extra)
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    status = run_polepos_process("db", "status", cwd=root, env=extra)
    assert status.returncode == 0, status.stderr
    found = re.search(
        r"^revision\b.*=\s*['\"](\w+)['\"]", versions[0].read_text(), re.M
    )
    assert found, versions[0].read_text()
    revision_id = found.group(1)
    assert status.stdout.splitlines() == [
        f"current: {revision_id}",
        f"head:    {revision_id}",
        "up to date",
    ]
    downgrade = run_polepos_process("db", "downgrade", "base", cwd=root, env=extra)
    assert downgrade.returncode == 0, downgrade.stderr
    again = run_polepos_process("db", "upgrade", cwd=root, env=extra)
    assert again.returncode == 0, again.stderr


def _serves_status(env: RuntimeEnv, root: Path, extra: dict[str, str]) -> None:
    with serve(env, root, "shop_api", extra) as base:
        with urllib.request.urlopen(f"{base}/api/v1/status", timeout=5) as response:
            assert response.status == 200
            body = json.loads(response.read())
            assert response.headers["x-request-id"]
        assert body["status"] == "ok"
        assert body["service"] == "shop-api"
        assert isinstance(body["uptime_seconds"], int | float)
        request = urllib.request.Request(
            f"{base}/api/v1/status", headers={"x-request-id": "abc-123"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.headers["x-request-id"] == "abc-123"
        with urllib.request.urlopen(f"{base}/openapi.json", timeout=5) as response:
            assert "/api/v1/status" in json.loads(response.read())["paths"]
        with urllib.request.urlopen(f"{base}/docs", timeout=5) as response:
            assert b"swagger" in response.read().lower()


@pytest.mark.parametrize("db", ["sqlite", "none"])
def test_project_tests_migrations_and_server(
    tmp_path: Path, runtime_env: RuntimeEnv, db: str
) -> None:
    root = _start(tmp_path, db, runtime_env)
    runtime_env.own_tests(root)
    if db == "none":
        refused = run_polepos_process("db", "upgrade", cwd=root)
        assert refused.returncode == 1
        assert "--db none" in refused.stderr
    else:
        _migrations_round_trip(root)
    _serves_status(runtime_env, root, {})


@pytest.mark.postgres
def test_postgres_project_against_the_real_server(
    tmp_path: Path, runtime_env: RuntimeEnv, postgres_database: str
) -> None:
    root = _start(tmp_path, "postgres", runtime_env)
    runtime_env.own_tests(root, {"TEST_DATABASE_URL": postgres_database})
    _migrations_round_trip(root, {"DATABASE_URL": postgres_database})
    _serves_status(runtime_env, root, {"DATABASE_URL": postgres_database})


def test_failing_alembic_is_reported_with_exit_1(
    tmp_path: Path, runtime_env: RuntimeEnv
) -> None:
    root = _start(tmp_path, "sqlite", runtime_env)
    result = run_polepos_process("db", "downgrade", "nonexistent_rev", cwd=root)
    assert result.returncode == 1
    assert "alembic downgrade nonexistent_rev failed" in result.stderr


def test_db_without_alembic_ini_is_refused(tmp_path: Path) -> None:
    created = run_polepos_process("start", "shop-api", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    root = tmp_path / "shop-api"
    (root / "alembic.ini").unlink()
    result = run_polepos_process("db", "status", cwd=root)
    assert result.returncode == 1
    assert "alembic.ini is missing" in result.stderr


def test_db_outside_a_project_is_refused(tmp_path: Path) -> None:
    result = run_polepos_process("db", "status", cwd=tmp_path)
    assert result.returncode == 1
    assert "no PolePosition project found" in result.stderr
