"""`polepos adopt` and `adopt --undo`: markers in, manifest written, exact inverse."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adopt.conftest import ADOPTABLE, assert_formatted
from tests.conftest import Runner, tree_digest


@pytest.mark.parametrize("name", ADOPTABLE)
def test_adopt_then_undo_is_byte_identical(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    before = tree_digest(root)
    adopted = polepos("adopt", cwd=root)
    assert adopted.exit_code == 0, adopted.stderr
    assert "found   router aggregator" in adopted.stdout
    manifest = tomllib.loads((root / ".poleposition.toml").read_text())
    assert manifest["layout"]["router_file"] in adopted.stdout
    assert manifest["modules"] == {}
    assert manifest["integrations"] == {}
    # No existing code is recorded as generated: there is no lock at all.
    assert not (root / ".poleposition.lock").exists()
    changed = {
        path for path, digest in tree_digest(root).items() if before.get(path) != digest
    }
    assert changed  # the markers went in
    undone = polepos("adopt", "--undo", cwd=root)
    assert undone.exit_code == 0, undone.stderr
    assert tree_digest(root) == before


def test_markers_land_where_the_wiring_goes(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("factory")
    assert polepos("adopt", cwd=root).exit_code == 0
    main = (root / "notes/main.py").read_text()
    # The includes marker sits inside the factory, below its last include.
    assert (
        '    app.include_router(notes.router, prefix="/notes", tags=["notes"])\n'
        "    # polepos:router-includes\n"
        "    return app\n"
    ) in main
    assert "import health, notes\n\n# polepos:router-imports\n" in main
    models = (root / "notes/models/__init__.py").read_text()
    assert "from notes.models.note import Note\n\n# polepos:model-imports\n" in models


@pytest.mark.parametrize("flag", ["--trace", "--diff"])
def test_preview_writes_nothing(
    flag: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    before = tree_digest(root)
    result = polepos("adopt", flag, cwd=root)
    assert result.exit_code == 0, result.stderr
    assert ".poleposition.toml" in result.stdout
    assert tree_digest(root) == before


@pytest.mark.parametrize(
    "name", ["refuse_no_fastapi", "refuse_no_aggregator", "refuse_poetry"]
)
def test_refusals_exit_2_and_write_nothing(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    before = tree_digest(root)
    result = polepos("adopt", cwd=root)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: cannot adopt:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert tree_digest(root) == before


def test_adopting_twice_is_refused(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    assert polepos("adopt", cwd=root).exit_code == 0
    after = tree_digest(root)
    again = polepos("adopt", cwd=root)
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert tree_digest(root) == after


def test_undo_refused_once_something_was_added(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    assert polepos("adopt", cwd=root).exit_code == 0
    manifest = root / ".poleposition.toml"
    text = manifest.read_text().replace(
        "[modules]\n", '[modules]\norders = "api-only"\n'
    )
    manifest.write_text(text)
    after = tree_digest(root)
    result = polepos("adopt", "--undo", cwd=root)
    assert result.exit_code == 1
    assert "module orders was added since" in result.stderr
    assert tree_digest(root) == after


def test_undo_refused_when_adopt_files_changed(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    assert polepos("adopt", cwd=root).exit_code == 0
    (root / "app/modules/extra.py").write_text("X = 1\n")
    result = polepos("adopt", "--undo", cwd=root)
    assert result.exit_code == 1
    assert "app/modules holds files adopt did not write" in result.stderr


def test_project_without_env_example_gets_one_and_loses_it_on_undo(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    (root / ".env.example").unlink()
    before = tree_digest(root)
    assert polepos("adopt", cwd=root).exit_code == 0
    assert "# polepos:integration-env" in (root / ".env.example").read_text()
    assert polepos("adopt", "--undo", cwd=root).exit_code == 0
    assert tree_digest(root) == before


def test_user_lines_that_look_managed_stay_the_users(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """An include of the managed shape written by the user is never adopted."""
    root = fixture_copy("fullstack")
    aggregator = root / "app/api/main.py"
    aggregator.write_text(
        "from fastapi import APIRouter\n\n"
        "from app.api.routes import utils\n"
        "from app.api.routes.items import router as items_router\n\n"
        "api_router = APIRouter()\n"
        'api_router.include_router(items_router, prefix="/items", tags=["items"])\n'
        "api_router.include_router(utils.router)\n"
    )
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    assert polepos("check", cwd=root).exit_code == 0
    fixed = polepos("check", "--fix", cwd=root)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert tree_digest(root) == adopted
    clash = polepos("add", "module", "items", "--template", "api-only", cwd=root)
    assert clash.exit_code == 1
    assert "app/api/main.py:4: `items_router`" in clash.stderr
    assert tree_digest(root) == adopted


@pytest.mark.parametrize("name", ["fullstack", "factory", "routes_api"])
def test_crud_module_on_the_projects_base_then_undo_is_exact(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    before = tree_digest(root)
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    for template in ("crud", "standard", "service-only"):
        added = polepos("add", "module", "orders", "--template", template, cwd=root)
        assert added.exit_code == 0, added.stderr
        model = (root / _package_dir(root) / "modules/orders/model.py").read_text()
        base = _layout_value(root, "declarative_base")
        assert f"from {base.rsplit('.', 1)[0]} import Base" in model
        if template != "service-only":
            router = root / _package_dir(root) / "modules/orders/router.py"
            assert "._polepos.deps import SessionDep" in router.read_text()
        assert polepos("check", cwd=root).exit_code == 0
        assert polepos("remove", "module", "orders", cwd=root).exit_code == 0
        # The emptied lock stays until `adopt --undo` deletes it.
        after = tree_digest(root)
        after.pop(".poleposition.lock")
        assert after == adopted
    assert polepos("adopt", "--undo", cwd=root).exit_code == 0
    assert tree_digest(root) == before


def test_crud_refused_without_a_database(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    assert polepos("adopt", cwd=root).exit_code == 0
    assert not (root / "src/inventory/_polepos").exists()
    adopted = tree_digest(root)
    result = polepos("add", "module", "orders", "--template", "crud", cwd=root)
    assert result.exit_code == 1
    assert "found no declarative base" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(root) == adopted


def _layout_value(root: Path, key: str) -> str:
    import tomllib

    data = tomllib.loads((root / ".poleposition.toml").read_text())
    value: str = data["layout"][key]
    return value


def _package_dir(root: Path) -> str:
    return _layout_value(root, "package_dir")


def test_refused_when_tests_integration_holds_the_projects_tests(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    (root / "tests/integration").mkdir()
    (root / "tests/integration/test_flow.py").write_text(
        "def test_x() -> None:\n    pass\n"
    )
    before = tree_digest(root)
    result = polepos("adopt", cwd=root)
    assert result.exit_code == 2
    assert "tests/integration holds the project's own tests" in result.stderr
    assert tree_digest(root) == before


@pytest.mark.parametrize("name", ADOPTABLE)
def test_adopted_project_stays_black_and_isort_clean(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    assert_formatted(root)
    assert polepos("adopt", cwd=root).exit_code == 0
    assert_formatted(root)
    assert (
        polepos("add", "integration", "redis", "--no-install", cwd=root).exit_code == 0
    )
    assert_formatted(root)


@pytest.mark.parametrize("name", ["fullstack", "src_nodb"])
def test_module_imports_join_the_projects_import_block(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """The managed imports continue the project's first-party imports: no new
    paragraph for isort to merge, and `remove` still gives back the adopted bytes."""
    root = fixture_copy(name)
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    router = root / _layout_value(root, "router_file")
    template = "crud" if name == "fullstack" else "api-only"
    for module in ("orders", "billing"):
        added = polepos("add", "module", module, "--template", template, cwd=root)
        assert added.exit_code == 0, added.stderr
    assert_formatted(root)
    package = _package_dir(root).rsplit("/", 1)[-1]
    last_user_import = {
        "fullstack": "from app.api.routes import items, utils\n",
        "src_nodb": "from inventory.endpoints import ping, stock\n",
    }[name]
    assert (
        last_user_import
        + f"from {package}.modules.billing.router import router as billing_router\n"
        + f"from {package}.modules.orders.router import router as orders_router\n"
        + "\n# polepos:router-imports\n"
    ) in router.read_text()
    if name == "fullstack":
        env = (root / "app/alembic/env.py").read_text()
        assert (
            "from app.models import Base\n"
            "from app.modules.billing import model as billing_model\n"
            "from app.modules.orders import model as orders_model\n"
            "\n# polepos:model-imports\n"
        ) in env
    assert polepos("check", cwd=root).exit_code == 0
    for module in ("orders", "billing"):
        assert polepos("remove", "module", module, cwd=root).exit_code == 0
    after = tree_digest(root)
    after.pop(".poleposition.lock")
    assert after == adopted


def test_isort_joining_the_managed_import_keeps_every_inverse_exact(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """The managed import's own paragraph may be merged by isort; nothing breaks."""
    root = fixture_copy("fullstack")
    before = tree_digest(root)
    assert polepos("adopt", cwd=root).exit_code == 0
    add = ("add", "module", "orders", "--template", "api-only", "--no-install")
    assert polepos(*add, cwd=root).exit_code == 0
    subprocess.run(
        [sys.executable, "-m", "isort", "-q", "--profile", "black", "app/api/main.py"],
        cwd=root,
        check=True,
    )
    assert (
        "utils\nfrom app.modules.orders.router"
        in (root / "app/api/main.py").read_text()
    )
    assert polepos("check", cwd=root).exit_code == 0
    assert (
        polepos("remove", "module", "orders", "--no-install", cwd=root).exit_code == 0
    )
    assert polepos("check", cwd=root).exit_code == 0
    assert polepos("adopt", "--undo", cwd=root).exit_code == 0
    assert tree_digest(root) == before


def test_kafka_imports_literal_and_takes_exactly_that_import_back(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """Kafka's settings fields use Literal, which fixture `fullstack`'s config lacks."""
    root = fixture_copy("fullstack")
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    config = root / "app" / "core" / "config.py"
    assert "Literal" not in config.read_text()
    added = polepos("add", "integration", "kafka", "--no-install", cwd=root)
    assert added.exit_code == 0, added.stderr
    text = config.read_text()
    assert "from functools import lru_cache\nfrom typing import Literal\n\n" in text
    assert "kafka_acks: Literal[" in text
    lock = tomllib.loads((root / ".poleposition.lock").read_text())
    assert lock["integrations"]["kafka"]["added_imports"] == "typing:Literal"
    assert_formatted(root)
    assert polepos("check", cwd=root).exit_code == 0

    # The import is wiring: check knows it is missing, --fix puts it back.
    wired = config.read_bytes()
    config.write_bytes(wired.replace(b"from typing import Literal\n", b""))
    found = polepos("check", cwd=root)
    assert found.exit_code == 1
    assert "app/core/config.py:23: PP273" in found.stdout
    assert "(fixable)" in found.stdout
    assert polepos("check", "--fix", cwd=root).exit_code == 0
    assert config.read_bytes() == wired

    removed = polepos("remove", "integration", "kafka", "--no-install", cwd=root)
    assert removed.exit_code == 0, removed.stderr
    after = tree_digest(root)
    after.pop(".poleposition.lock")
    assert after == adopted


def test_kafka_leaves_the_projects_own_literal_import_alone(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    config = root / "app" / "core" / "config.py"
    config.write_text(
        config.read_text().replace(
            "from functools import lru_cache\n",
            "from functools import lru_cache\nfrom typing import Literal\n",
        )
    )
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    added = polepos("add", "integration", "kafka", "--no-install", cwd=root)
    assert added.exit_code == 0, added.stderr
    assert config.read_text().count("import Literal") == 1
    lock = tomllib.loads((root / ".poleposition.lock").read_text())
    assert "added_imports" not in lock["integrations"]["kafka"]
    removed = polepos("remove", "integration", "kafka", "--no-install", cwd=root)
    assert removed.exit_code == 0, removed.stderr
    after = tree_digest(root)
    after.pop(".poleposition.lock")
    assert after == adopted  # the unused import is the project's: still there


def test_check_fix_restores_the_model_marker_in_alembic_env(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """The model imports of fixture `fullstack` live at the top of its env.py."""
    root = fixture_copy("fullstack")
    assert polepos("adopt", cwd=root).exit_code == 0
    env = root / "app" / "alembic" / "env.py"
    adopted = env.read_bytes()
    # The marker and the blank line adopt put in front of it.
    env.write_bytes(adopted.replace(b"\n# polepos:model-imports\n", b"", 1))
    found = polepos("check", cwd=root)
    assert found.exit_code == 1
    assert "app/alembic/env.py:9: PP101" in found.stdout
    assert "(fixable)" in found.stdout
    fixed = polepos("check", "--fix", cwd=root)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert env.read_bytes() == adopted
    assert polepos("check", cwd=root).exit_code == 0
