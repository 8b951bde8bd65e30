"""The generated app's security defaults, served for real on SQLite and PostgreSQL.

Out-of-range ids and offsets answer 404/422 (never 500), failed logins are throttled
(429 with `Retry-After`), a deactivated user's token stops working at once, and the
app refuses to start with a placeholder or short secret outside tests.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_polepos_process
from tests.e2e.conftest import RuntimeEnv, call_json, serve

pytestmark = pytest.mark.e2e

ATTEMPTS = 3
HUGE = "9" * 23  # beyond any 64-bit integer
PASSWORD = "correct horse battery staple"
PLACEHOLDER = "change-me-insecure-development-secret-key"


def _project(tmp_path: Path, db: str, env: RuntimeEnv, extra: dict[str, str]) -> Path:
    created = run_polepos_process("start", "shop-api", "--db", db, cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    root = tmp_path / "shop-api"
    for step in (
        ["add", "auth"],
        ["add", "module", "notes", "--template", "crud", "--pagination"],
        ["add", "module", "orders", "--template", "crud", "--tenant-scoped"],
    ):
        result = run_polepos_process(*step, cwd=root)
        assert result.returncode == 0, (step, result.stderr)
    env.install_project(root)
    for step in (["db", "revision", "-m", "security"], ["db", "upgrade"]):
        result = run_polepos_process(*step, cwd=root, env=extra)
        assert result.returncode == 0, (step, result.stdout + result.stderr)
    return root


def _request(
    base: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, dict[str, str], Any]:
    """One JSON request: (status, lower-case headers, decoded body or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    lowered = {key.lower(): value for key, value in headers.items()}
    return status, lowered, json.loads(raw) if raw else None


def _out_of_range_ids_and_offsets(base: str) -> None:
    status, note = call_json(base, "POST", "/api/v1/notes/", {"name": "kept"})
    assert status == 201, note
    for item_id in (HUGE, f"-{HUGE}", str(2**63), str(2**63 - 1), str(2**31), "0"):
        item = f"/api/v1/notes/{item_id}"
        assert call_json(base, "GET", item)[0] == 404, item_id
        assert call_json(base, "PATCH", item, {"name": "x"})[0] == 404, item_id
        assert call_json(base, "DELETE", item)[0] == 404, item_id
    for query in (f"offset={HUGE}", f"offset={2**63}", f"limit={HUGE}", "offset=-1"):
        assert call_json(base, "GET", f"/api/v1/notes/?{query}")[0] == 422, query
    status, page = call_json(base, "GET", f"/api/v1/notes/?offset={2**63 - 1}")
    assert status == 200, page
    assert page["items"] == []
    assert page["total"] == 1


def _failed_logins_are_throttled(base: str) -> None:
    email = "throttled@example.com"
    body = {"email": email, "password": PASSWORD}
    assert call_json(base, "POST", "/api/v1/auth/register", body)[0] == 201
    wrong = {"email": email, "password": "wrong password"}
    for _ in range(ATTEMPTS):
        assert _request(base, "POST", "/api/v1/auth/token", wrong)[0] == 401
    status, headers, answer = _request(base, "POST", "/api/v1/auth/token", body)
    assert status == 429, answer
    assert answer == {"detail": "Too many attempts; try again later"}
    assert 1 <= int(headers["retry-after"]) <= 600


SET_ACTIVE = """
import sys
import sqlalchemy as sa

url, email, active = sys.argv[1], sys.argv[2], sys.argv[3] == "on"
statement = sa.text("UPDATE auth_users SET is_active = :active WHERE email = :email")
with sa.create_engine(url).begin() as connection:
    assert connection.execute(statement, {"active": active, "email": email}).rowcount
"""


def _set_active(env: RuntimeEnv, root: Path, url: str, email: str, on: bool) -> None:
    state = "on" if on else "off"
    result = env.run("python", "-c", SET_ACTIVE, url, email, state, cwd=root)
    assert result.returncode == 0, result.stderr


def _deactivated_user_is_refused_at_once(
    env: RuntimeEnv, root: Path, base: str, url: str
) -> None:
    email = "leaver@example.com"
    body = {"email": email, "password": PASSWORD}
    assert call_json(base, "POST", "/api/v1/auth/register", body)[0] == 201
    status, login = call_json(base, "POST", "/api/v1/auth/token", body)
    assert status == 200, login
    token = login["access_token"]
    assert call_json(base, "GET", "/api/v1/orders/", token=token)[0] == 200

    _set_active(env, root, url, email, False)

    for path in ("/api/v1/orders/", "/api/v1/auth/me"):
        status, answer = call_json(base, "GET", path, token=token)
        assert status == 401, (path, answer)
        assert answer == {"detail": "User not found or inactive"}
    _set_active(env, root, url, email, True)
    assert call_json(base, "GET", "/api/v1/orders/", token=token)[0] == 200


def _security_defaults(
    env: RuntimeEnv, root: Path, url: str, extra: dict[str, str]
) -> None:
    limits = {**extra, "AUTH_RATE_LIMIT_ATTEMPTS": str(ATTEMPTS)}
    with serve(env, root, "shop_api", limits) as base:
        _out_of_range_ids_and_offsets(base)
        _deactivated_user_is_refused_at_once(env, root, base, url)
        # Last: afterwards this client may not log in for a whole window.
        _failed_logins_are_throttled(base)


def test_security_defaults_on_sqlite(tmp_path: Path, runtime_env: RuntimeEnv) -> None:
    root = _project(tmp_path, "sqlite", runtime_env, {})
    _security_defaults(runtime_env, root, f"sqlite:///{root / 'shop_api.db'}", {})
    _unsafe_settings_are_refused(runtime_env, root)


@pytest.mark.postgres
def test_security_defaults_on_postgres(
    tmp_path: Path, runtime_env: RuntimeEnv, postgres_database: str
) -> None:
    extra = {"DATABASE_URL": postgres_database}
    root = _project(tmp_path, "postgres", runtime_env, extra)
    _security_defaults(runtime_env, root, postgres_database, extra)


def _unsafe_settings_are_refused(env: RuntimeEnv, root: Path) -> None:
    """`python -m shop_api.run` stops with one line per problem, secret unprinted."""
    short = "too-short-secret"
    strong = "s" * 32
    cases = [
        ({"ENVIRONMENT": "development", "JWT_SECRET": PLACEHOLDER}, "placeholder"),
        ({"ENVIRONMENT": "development", "JWT_SECRET": short}, "fewer than 32"),
        ({"ENVIRONMENT": "production", "JWT_SECRET": PLACEHOLDER}, "placeholder"),
        (
            {
                "ENVIRONMENT": "production",
                "JWT_SECRET": strong,
                "JWT_ALGORITHM": "none",
            },
            "JWT_ALGORITHM=none",
        ),
        (
            {"ENVIRONMENT": "production", "JWT_SECRET": strong, "DEBUG": "true"},
            "DEBUG=true",
        ),
    ]
    for variables, reason in cases:
        result = env.run("python", "-m", "shop_api.run", cwd=root, env=variables)
        assert result.returncode == 1, (variables, result.stdout, result.stderr)
        assert result.stderr.startswith(
            "Cannot start: invalid settings."
        ), result.stderr
        assert reason in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert short not in result.stderr
        assert strong not in result.stderr
    # The same settings load in tests, so the project's own suite needs no .env.
    loaded = env.run(
        "python",
        "-c",
        "from shop_api.settings import Settings; print(Settings().environment)",
        cwd=root,
        env={"ENVIRONMENT": "test", "JWT_SECRET": PLACEHOLDER},
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "test"
