"""Custom changes block removal unless --force; detaching; orphan clean-up."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest

MODULE = "src/shop_api/modules/orders"


@pytest.fixture
def with_orders(polepos: Runner, project: Path) -> tuple[Path, dict[str, str]]:
    before = tree_digest(project)
    assert polepos("add", "module", "orders", "--template", "crud").exit_code == 0
    return project, before


def test_edited_file_blocks_removal_until_force(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    project, before = with_orders
    service = project / MODULE / "services" / "orders_service.py"
    service.write_text(service.read_text() + "\n# my change\n")
    snapshot = tree_digest(project)
    refused = polepos("remove", "module", "orders")
    assert refused.exit_code == 1
    assert "orders_service.py (edited)" in refused.stderr
    assert "--force" in refused.stderr
    assert tree_digest(project) == snapshot
    assert polepos("remove", "module", "orders", "--force").exit_code == 0
    assert tree_digest(project) == before


def test_extra_file_and_edited_test_block_removal(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    project, _ = with_orders
    (project / MODULE / "helpers.py").write_text("X = 1\n")
    refused = polepos("remove", "module", "orders")
    assert refused.exit_code == 1
    assert "helpers.py (not generated)" in refused.stderr
    (project / MODULE / "helpers.py").unlink()
    test_file = next((project / "tests").rglob("test_orders*.py"))
    test_file.write_text(test_file.read_text() + "\n# tweak\n")
    refused = polepos("remove", "module", "orders")
    assert refused.exit_code == 1
    assert "(edited)" in refused.stderr


def test_recognised_after_a_template_change(
    polepos: Runner,
    with_orders: tuple[Path, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """G7: hashes recorded at generation, not a re-render, decide what is edited."""
    from pole_position.cli.services.render import templates as template_renderer

    project, before = with_orders
    newer = tmp_path / "newer-templates"
    shutil.copytree(template_renderer.template_root(), newer)
    for template in (newer / "modules").rglob("*.jinja"):
        template.write_text(
            "# changed in a newer PolePosition\n" + template.read_text()
        )
    monkeypatch.setattr(template_renderer, "template_root", lambda: newer)
    assert template_renderer.template_root() == newer
    result = polepos("remove", "module", "orders")
    assert result.exit_code == 0, result.stderr
    assert tree_digest(project) == before


def test_wiring_only_detaches_and_check_passes(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    project, _ = with_orders
    service = project / MODULE / "services" / "orders_service.py"
    service.write_text(service.read_text() + "\n# mine, keep it\n")
    result = polepos("remove", "module", "orders", "--wiring-only")
    assert result.exit_code == 0, result.stderr
    assert (project / MODULE).is_dir()
    assert "# mine, keep it" in service.read_text()
    assert not list((project / "tests").rglob("test_orders*.py"))
    router = (project / "src/shop_api/api/router.py").read_text()
    assert "orders_router" not in router
    assert "orders" not in (project / "src/shop_api/db/models.py").read_text()
    manifest = tomllib.loads((project / ".poleposition.toml").read_text())
    assert "orders" not in manifest["modules"]
    assert manifest["detached"]["orders"] == "crud"
    check = polepos("check")
    assert check.exit_code == 0, check.stdout
    assert polepos("add", "module", "orders").exit_code == 1


def test_hand_deleted_folder_is_cleaned_up(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    project, before = with_orders
    shutil.rmtree(project / MODULE)
    failing = polepos("check")
    assert failing.exit_code == 1
    assert "PP210" in failing.stdout
    assert polepos("remove", "module", "orders").exit_code == 0
    assert tree_digest(project) == before


def test_unmanaged_shape_blocks_removal_naming_file_and_line(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    project, _ = with_orders
    router = project / "src/shop_api/api/router.py"
    router.write_text(
        router.read_text()
        + '\napi_router.include_router(orders_router, prefix="/v2/orders")\n'
    )
    snapshot = tree_digest(project)
    refused = polepos("remove", "module", "orders")
    assert refused.exit_code == 1
    line = (
        router.read_text()
        .splitlines()
        .index('api_router.include_router(orders_router, prefix="/v2/orders")')
        + 1
    )
    assert f"src/shop_api/api/router.py:{line}" in refused.stderr
    assert tree_digest(project) == snapshot


def test_remove_prints_migration_advice(
    polepos: Runner, with_orders: tuple[Path, dict[str, str]]
) -> None:
    result = polepos("remove", "module", "orders")
    assert "The database was not touched" in result.stdout
    assert "polepos db revision -m 'drop orders'" in result.stdout
