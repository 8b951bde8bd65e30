"""Fields end to end on SQLite and PostgreSQL: migrate, store, return, drop.

Add one field of every type to a crud module, autogenerate a revision and
upgrade, run the project's own tests, and check through the running API that
each value round-trips (dates, decimals and uuids included) and that a unique
field answers 409. Then remove fields: the next revision drops the columns and
the API refuses them.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import run_polepos_process
from tests.e2e.conftest import RuntimeEnv, _psql, call_json, serve

pytestmark = pytest.mark.e2e

SPECS = [
    "email:str:unique",
    "notes:text:optional",
    "visits:int:index",
    "big:bigint",
    "ratio:float",
    "price:decimal",
    "flag:bool",
    "born:date",
    "seen:datetime:optional",
    "uid:uuid:unique",
    "data:json:optional",
]
URL = "/api/v1/customers/"


def _polepos(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_polepos_process(*args, cwd=root, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _migrate(root: Path, message: str, env: dict[str, str]) -> str:
    _polepos(root, "db", "revision", "--autogenerate", "-m", message, env=env)
    slug = message.replace(" ", "_").replace(".", "_")
    (script,) = (root / "migrations" / "versions").glob(f"*{slug}*.py")
    _polepos(root, "db", "upgrade", env=env)
    return script.read_text(encoding="utf-8")


def _columns(env: RuntimeEnv, root: Path, extra: dict[str, str]) -> set[str]:
    code = (
        "import json, sqlalchemy as sa\n"
        "from shop_api.settings import get_settings\n"
        "engine = sa.create_engine(get_settings().database_url)\n"
        "print(json.dumps([c['name'] for c in "
        "sa.inspect(engine).get_columns('customers')]))\n"
    )
    result = env.run("python", "-c", code, cwd=root, env=extra)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def _as_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _scenario(
    root: Path, env: RuntimeEnv, extra: dict[str, str], suite_env: dict[str, str]
) -> None:
    _migrate(root, "customers", extra)
    added = _polepos(root, "add", "field", "customers", *SPECS)
    assert 'polepos db revision --autogenerate -m "add customers.email' in added
    script = _migrate(root, "add customer fields", extra)
    for spec in SPECS:
        assert f"'{spec.split(':')[0]}'" in script
    assert _columns(env, root, extra) >= {s.split(":")[0] for s in SPECS}

    # The suite drops its tables when done: it gets a database of its own.
    suite = env.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        cwd=root,
        env=suite_env,
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]

    sent = {
        "name": "Ada",
        "email": f"ada-{uuid.uuid4().hex[:8]}@example.com",
        "notes": "long text " * 50 + "end",
        "visits": 2_147_483_647,
        "big": 9_000_000_000_000_000_000,
        "ratio": 0.25,
        "price": "1234.5678",
        "flag": True,
        "born": "1815-12-10",
        "seen": "2024-05-17T10:30:00+00:00",
        "uid": str(uuid.uuid4()),
        "data": {"tags": ["a", "b"], "n": 1},
    }
    with serve(env, root, "shop_api", extra) as base:
        status, created = call_json(base, "POST", URL, sent)
        assert status == 201, created
        status, read = call_json(base, "GET", f"{URL}{created['id']}")
        assert status == 200, read
        for key in ("name", "email", "notes", "visits", "big", "ratio", "flag"):
            assert read[key] == sent[key], key
        assert Decimal(read["price"]) == Decimal(sent["price"])
        assert read["born"] == sent["born"]
        assert _as_utc(read["seen"]) == _as_utc(sent["seen"])
        assert uuid.UUID(read["uid"]) == uuid.UUID(sent["uid"])
        assert read["data"] == sent["data"]

        again = {**sent, "uid": str(uuid.uuid4())}
        status, conflict = call_json(base, "POST", URL, again)
        assert status == 409, conflict
        assert conflict == {"detail": "Customer conflicts with an existing row"}
        status, patched = call_json(
            base, "PATCH", f"{URL}{created['id']}", {"visits": 2_147_483_648}
        )
        assert status == 422, patched

    _polepos(root, "remove", "field", "customers", "email", "price")
    script = _migrate(root, "drop customers email", extra)
    assert "drop_column" in script
    assert "'email'" in script
    assert not {"email", "price"} & _columns(env, root, extra)
    with serve(env, root, "shop_api", extra) as base:
        status, refused = call_json(base, "POST", URL, sent)
        assert status == 422, refused
        body = {k: v for k, v in sent.items() if k not in ("email", "price")}
        body["uid"] = str(uuid.uuid4())  # still unique
        status, created = call_json(base, "POST", URL, body)
        assert status == 201, created


def _project(tmp_path: Path, db: str, env: RuntimeEnv) -> Path:
    _polepos(tmp_path, "start", "shop-api", "--db", db)
    root = tmp_path / "shop-api"
    _polepos(root, "add", "module", "customers", "--template", "crud")
    env.install_project(root)
    return root


def test_fields_on_sqlite(tmp_path: Path, runtime_env: RuntimeEnv) -> None:
    root = _project(tmp_path, "sqlite", runtime_env)
    _scenario(root, runtime_env, {}, {})


@pytest.mark.postgres
def test_fields_on_postgres(
    tmp_path: Path, runtime_env: RuntimeEnv, postgres_database: str
) -> None:
    root = _project(tmp_path, "postgres", runtime_env)
    suite = f"{postgres_database.rsplit('/', 1)[1]}_suite"
    _psql(f"CREATE DATABASE {suite}", check=True)
    try:
        _scenario(
            root,
            runtime_env,
            {"DATABASE_URL": postgres_database},
            {"TEST_DATABASE_URL": f"{postgres_database}_suite"},
        )
    finally:
        _psql(f"DROP DATABASE IF EXISTS {suite} WITH (FORCE)", check=False)


def test_every_template_keeps_its_own_tests_passing(
    tmp_path: Path, runtime_env: RuntimeEnv
) -> None:
    _polepos(tmp_path, "start", "shop-api")
    root = tmp_path / "shop-api"
    modules = {
        "orders": (
            "--template",
            "crud",
            "--pagination",
            "--timestamps",
            "--soft-delete",
            "--tenant-scoped",
            "--auth-required",
        ),
        "articles": ("--template", "standard"),
        "ledger": ("--service-only",),
    }
    specs = [s.replace("born:date", "born:date:unique") for s in SPECS]
    for name, flags in modules.items():
        _polepos(root, "add", "module", name, *flags)
        _polepos(root, "add", "field", name, *specs)
    runtime_env.install_project(root)

    suite = runtime_env.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=root
    )

    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
