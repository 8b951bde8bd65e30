"""Rename end to end: after the rename the project's own tests pass (SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.e2e.conftest import RuntimeEnv

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
