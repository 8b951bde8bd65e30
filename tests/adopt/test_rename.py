"""`rename module` in an adopted layout: the wiring and the user's imports follow."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adopt.conftest import ADOPTABLE
from tests.conftest import Runner, tree_digest


@pytest.mark.parametrize("name", ADOPTABLE)
def test_rename_in_an_adopted_project_and_back_is_exact(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    assert polepos("adopt", cwd=root).exit_code == 0
    added = polepos("add", "module", "orders", "--template", "api-only")
    assert added.exit_code == 0, added.stderr
    layout = tomllib.loads((root / ".poleposition.toml").read_text())["layout"]
    package_dir = layout["package_dir"]
    modules = layout["modules_dir"]
    package = package_dir.rsplit("/", 1)[-1]
    # A user file above the modules, importing the module relatively and by name.
    user = root / package_dir / "order_report.py"
    user.write_text(
        "from .modules.orders import schemas\n"
        f"from {package}.modules.orders.schemas import OrderRead\n\n"
        "ROWS = (schemas.OrderCreate, OrderRead)\n"
    )
    before = tree_digest(root)
    done = polepos("rename", "module", "orders", "purchases")
    assert done.exit_code == 0, done.stderr
    assert (root / modules / "purchases").is_dir()
    assert user.read_text() == (
        "from .modules.purchases import schemas\n"
        f"from {package}.modules.purchases.schemas import PurchaseRead\n\n"
        "ROWS = (schemas.PurchaseCreate, PurchaseRead)\n"
    )
    checked = polepos("check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert polepos("rename", "module", "purchases", "orders").exit_code == 0
    assert tree_digest(root) == before
