"""Integrations and auth in a real project, against the machine's real services.

Redis (127.0.0.1:6379) and RabbitMQ (127.0.0.1:5672) are real here; no Kafka
broker can run on this machine, so the generated Kafka tests use the in-memory
double (the generated test says so).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_polepos_process
from tests.e2e.conftest import RuntimeEnv, call_json, serve

pytestmark = pytest.mark.e2e

SERVICES = {
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "RQ_REDIS_URL": "redis://127.0.0.1:6379/0",
    "RABBITMQ_URL": "amqp://guest:guest@127.0.0.1:5672/",
}


def _project(tmp_path: Path, db: str, env: RuntimeEnv) -> Path:
    assert (
        run_polepos_process("start", "shop-api", "--db", db, cwd=tmp_path).returncode
        == 0
    )
    root = tmp_path / "shop-api"
    steps = [
        ["add", "integration", "kafka"],
        ["add", "integration", "rabbitmq"],
        ["add", "integration", "redis"],
        ["add", "integration", "rq"],
        ["add", "auth"],
        ["add", "module", "orders", "--template", "crud", "--tenant-scoped"],
    ]
    for step in steps:
        result = run_polepos_process(*step, cwd=root)
        assert result.returncode == 0, (step, result.stderr)
    check = run_polepos_process("check", cwd=root)
    assert check.returncode == 0, check.stdout
    env.install_project(root)
    return root


def _auth_flow(env: RuntimeEnv, root: Path, extra: dict[str, str]) -> None:
    migrate = run_polepos_process(
        "db", "revision", "-m", "features", cwd=root, env=extra
    )
    assert migrate.returncode == 0, migrate.stderr
    upgrade = run_polepos_process("db", "upgrade", cwd=root, env=extra)
    assert upgrade.returncode == 0, upgrade.stderr
    with serve(env, root, "shop_api", extra) as base:
        users = {}
        # Registration cannot choose a tenant: each user gets a personal one.
        for person in ("ann", "ben"):
            email = f"{person}@example.com"
            body = {"email": email, "password": "correct horse battery"}
            status, created = call_json(base, "POST", "/api/v1/auth/register", body)
            assert status == 201, created
            status, token = call_json(
                base,
                "POST",
                "/api/v1/auth/token",
                {"email": email, "password": "correct horse battery"},
            )
            assert status == 200, token
            users[person] = token["access_token"]
        status, duplicate = call_json(
            base,
            "POST",
            "/api/v1/auth/register",
            {"email": "ann@example.com", "password": "another long one"},
        )
        assert status == 409, duplicate
        status, chosen = call_json(
            base,
            "POST",
            "/api/v1/auth/register",
            {
                "email": "eve@example.com",
                "password": "a long password",
                "tenant_id": "t",
            },
        )
        assert status == 422, chosen
        assert (
            call_json(
                base,
                "POST",
                "/api/v1/auth/token",
                {"email": "ann@example.com", "password": "wrong"},
            )[0]
            == 401
        )
        assert call_json(base, "GET", "/api/v1/auth/me")[0] == 401
        status, me = call_json(base, "GET", "/api/v1/auth/me", token=users["ann"])
        assert status == 200
        assert me["email"] == "ann@example.com"

        status, order = call_json(
            base, "POST", "/api/v1/orders/", {"name": "A"}, users["ann"]
        )
        assert status == 201, order
        item = f"/api/v1/orders/{order['id']}"
        assert call_json(base, "GET", item, token=users["ben"])[0] == 404
        assert call_json(base, "PATCH", item, {"name": "B"}, users["ben"])[0] == 404
        assert call_json(base, "DELETE", item, token=users["ben"])[0] == 404
        status, listed = call_json(base, "GET", "/api/v1/orders/", token=users["ben"])
        assert status == 200
        assert listed == []
        assert call_json(base, "GET", item, token=users["ann"])[0] == 200


def test_features_on_sqlite_with_real_services(
    tmp_path: Path, runtime_env: RuntimeEnv
) -> None:
    root = _project(tmp_path, "sqlite", runtime_env)
    output = runtime_env.own_tests(root, SERVICES)
    for service in ("redis", "rabbitmq", "rq"):
        assert "SKIPPED" not in "\n".join(
            line for line in output.splitlines() if service in line.lower()
        ), output
    _auth_flow(runtime_env, root, {})


@pytest.mark.postgres
def test_auth_on_postgres(
    tmp_path: Path, runtime_env: RuntimeEnv, postgres_database: str
) -> None:
    root = _project(tmp_path, "postgres", runtime_env)
    runtime_env.own_tests(root, {**SERVICES, "TEST_DATABASE_URL": postgres_database})
    _auth_flow(runtime_env, root, {"DATABASE_URL": postgres_database})
