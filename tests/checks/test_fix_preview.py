"""`check --fix --trace/--diff` show the repairs and write nothing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Runner, tree_digest


def test_fix_preview_writes_nothing(polepos: Runner, tmp_path: Path) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    assert polepos("add", "module", "orders", cwd=root).exit_code == 0
    router = root / "src/shop_api/api/router.py"
    router.write_text(
        router.read_text().replace(
            'api_router.include_router(orders_router, prefix="/orders", '
            'tags=["orders"])\n',
            "",
        )
    )
    before = tree_digest(root)
    diffed = polepos("check", "--fix", "--diff")
    assert diffed.exit_code == 0
    assert '+api_router.include_router(orders_router, prefix="/orders"' in diffed.stdout
    traced = polepos("check", "--fix", "--trace")
    assert "edit   src/shop_api/api/router.py" in traced.stdout
    assert tree_digest(root) == before
    assert polepos("check", "--diff").exit_code == 2
    assert polepos("check", "--fix").exit_code == 0
    assert polepos("check", "--fix", "--diff").stdout == "nothing to repair\n"
