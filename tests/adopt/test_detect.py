"""Detection reads each fixture's shape with LibCST alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from codemods.layout import Layout
from pole_position.cli.services.plans.adopt.detect import AdoptRefused, detect

FIXTURES = Path(__file__).parent / "fixtures"


def test_fullstack_template_shape() -> None:
    found = detect(FIXTURES / "fullstack")
    assert found.layout() == Layout(
        package="app",
        package_dir="app",
        router_file="app/api/main.py",
        router_receiver="api_router",
        modules_dir="app/modules",
        integrations_dir="app/integrations",
        models_file="app/alembic/env.py",
        declarative_base="app.models.Base",
        settings_file="app/core/config.py",
        settings_class="Settings",
        env_example=".env.example",
        tests_dir="tests",
        db="sqlite",
    )
    assert found.aggregator.function is None
    assert found.aggregator.includes == 2
    assert "fastapi>=0.115" in found.dependencies


def test_app_factory_includes_inside_create_app() -> None:
    found = detect(FIXTURES / "factory")
    assert (found.aggregator.path, found.aggregator.receiver) == (
        "notes/main.py",
        "app",
    )
    assert found.aggregator.function == "create_app"
    assert found.models_file == "notes/models/__init__.py"
    assert found.declarative_base == "notes.db.Base"
    assert found.settings_file == "notes/config.py"


def test_router_receiver_is_not_api_router() -> None:
    found = detect(FIXTURES / "routes_api")
    assert found.aggregator.path == "storefront/routes/api.py"
    assert found.aggregator.receiver == "router"
    assert found.db == "postgres"
    # A models module with the base but no Alembic: said, not guessed.
    assert found.models_file is None
    assert any("not imported anywhere central" in note for note in found.notes)
    assert any(line.startswith("  missing model imports") for line in found.report())


def test_src_layout_without_database() -> None:
    found = detect(FIXTURES / "src_nodb")
    layout = found.layout()
    assert layout.package_dir == "src/inventory"
    assert layout.source_root == "src"
    assert layout.modules_package == "inventory.modules"
    assert (layout.db, layout.models_file, layout.declarative_base) == (
        "none",
        None,
        None,
    )
    assert layout.settings_file == "src/inventory/settings.py"


@pytest.mark.parametrize(
    ("fixture", "words"),
    [
        ("refuse_no_fastapi", "fastapi is not in [project].dependencies"),
        ("refuse_no_aggregator", "no router aggregator found"),
        ("refuse_poetry", "[tool.poetry.dependencies]"),
    ],
)
def test_refusals_name_what_is_missing(fixture: str, words: str) -> None:
    with pytest.raises(AdoptRefused) as raised:
        detect(FIXTURES / fixture)
    assert raised.value.exit_code == 2
    assert words in raised.value.render()
    assert "\n" not in raised.value.render()


def test_two_equal_aggregators_are_ambiguous(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "0"\ndependencies = ["fastapi"]\n'
    )
    package = tmp_path / "svc"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name in ("a", "b"):
        (package / f"{name}.py").write_text(
            "from fastapi import APIRouter\n\nr = APIRouter()\n"
            "r.include_router(x)\nr.include_router(y)\n"
        )
    with pytest.raises(AdoptRefused, match="cannot tell the router aggregator"):
        detect(tmp_path)


def test_user_code_is_never_imported(tmp_path: Path) -> None:
    """A module that would fail on import is read, never executed."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "0"\ndependencies = ["fastapi"]\n'
    )
    package = tmp_path / "boom"
    package.mkdir()
    (package / "__init__.py").write_text("raise SystemExit('imported!')\n")
    (package / "api.py").write_text(
        "raise SystemExit('imported!')\nfrom fastapi import APIRouter\n\n"
        "api = APIRouter()\napi.include_router(a)\n"
    )
    assert detect(tmp_path).aggregator.receiver == "api"
