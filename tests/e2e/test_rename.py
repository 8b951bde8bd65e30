"""Rename end to end: the project's tests pass, and a renamed table keeps its rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner, run_polepos_process
from tests.e2e.conftest import RuntimeEnv, call_json, serve

USER_TEST = '''"""A user test outside the module: it imports its service and schema."""

from sqlalchemy.orm import Session

from shop.modules.orders.schemas import OrderCreate
from shop.modules.orders.services import OrderService


def test_the_user_code_sees_the_module(db_session: Session) -> None:
    service = OrderService(db_session)
    created = service.create(OrderCreate(name="first", email="a@example.com"))
    assert service.get(created.id).name == "first"
'''


@pytest.mark.e2e
def test_the_projects_tests_pass_after_a_rename(
    polepos: Runner, tmp_path: Path, runtime_env: RuntimeEnv
) -> None:
    assert polepos("start", "shop", "--no-git", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop"
    runtime_env.install_project(root)
    added = polepos(
        "add", "module", "orders", "--template", "crud", "--pagination", cwd=root
    )
    assert added.exit_code == 0, added.stderr
    assert polepos("add", "field", "orders", "email:str:unique").exit_code == 0
    user_test = root / "tests/unit/test_user_orders.py"
    user_test.write_text(USER_TEST)
    done = polepos("rename", "module", "orders", "purchases")
    assert done.exit_code == 0, done.stderr
    rewritten = user_test.read_text()
    assert "from shop.modules.purchases.schemas import PurchaseCreate" in rewritten
    assert "service = PurchaseService(db_session)" in rewritten
    api_test = (root / "tests/integration/test_purchases_api.py").read_text()
    assert 'URL = "/api/v1/purchases/"' in api_test
    tests = runtime_env.run("pytest", "-q", "-p", "no:cacheprovider", cwd=root)
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    assert "failed" not in tests.stdout


@pytest.mark.e2e
@pytest.mark.postgres
def test_rename_table_keeps_the_rows_on_postgres(
    tmp_path: Path, runtime_env: RuntimeEnv, postgres_database: str
) -> None:
    """`--rename-table` and the migration it prints: the rows survive the rename."""
    database = {"DATABASE_URL": postgres_database}
    created = run_polepos_process("start", "shop", "--db", "postgres", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    root = tmp_path / "shop"
    runtime_env.install_project(root)
    for args in (
        ("add", "module", "customers", "--template", "crud", "--no-install"),
        ("db", "revision", "-m", "customers"),
        ("db", "upgrade"),
    ):
        result = run_polepos_process(*args, cwd=root, env=database)
        assert result.returncode == 0, (args, result.stdout + result.stderr)
    with serve(runtime_env, root, "shop", database) as base:
        status, ada = call_json(base, "POST", "/api/v1/customers/", {"name": "Ada"})
        assert status == 201, ada

    renamed = run_polepos_process(
        "rename", "module", "customers", "clients", "--rename-table", cwd=root
    )
    assert renamed.returncode == 0, renamed.stderr
    assert 'op.rename_table("customers", "clients")' in renamed.stdout
    # The step the command prints: a revision whose body renames the table.
    revision = run_polepos_process(
        "db", "revision", "-m", "rename customers to clients", cwd=root, env=database
    )
    assert revision.returncode == 0, revision.stdout + revision.stderr
    (script,) = (root / "migrations" / "versions").glob("*rename_customers*.py")
    text = script.read_text()
    script.write_text(
        text[: text.index("def upgrade()")]
        + 'def upgrade() -> None:\n    op.rename_table("customers", "clients")\n\n\n'
        + 'def downgrade() -> None:\n    op.rename_table("clients", "customers")\n'
    )
    migrated = run_polepos_process("db", "upgrade", cwd=root, env=database)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    with serve(runtime_env, root, "shop", database) as base:
        status, listed = call_json(base, "GET", "/api/v1/clients/")
        assert status == 200
        assert [c["name"] for c in listed] == ["Ada"]
        assert call_json(base, "GET", f"/api/v1/clients/{ada['id']}")[0] == 200
        assert call_json(base, "GET", "/api/v1/customers/")[0] == 404
