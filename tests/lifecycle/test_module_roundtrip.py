"""G1/G2 for modules: remove(add(P)) == P byte for byte; add twice changes nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pole_position.cli.services.catalog.modules import CRUD_OPTIONS
from tests.conftest import Runner, tree_digest
from tests.generated._support import assert_project_is_clean

CASES = [
    ("standard", ()),
    ("crud", ()),
    ("ai-prompt", ()),
    ("api-only", ()),
    ("service-only", ()),
    *[("crud", (option,)) for option in CRUD_OPTIONS],
    ("crud", CRUD_OPTIONS),
]


def _flags(template: str, options: tuple[str, ...]) -> list[str]:
    return ["--template", template, *(f"--{option}" for option in options)]


def _manifest_modules(root: Path) -> dict[str, str]:
    data = tomllib.loads((root / ".poleposition.toml").read_text())
    modules: dict[str, str] = data["modules"]
    return modules


def _assert_check_passes(polepos: Runner, root: Path) -> None:
    result = polepos("check", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("template", "options"), CASES, ids=lambda c: str(c))
def test_add_then_remove_restores_every_byte(
    polepos: Runner, project: Path, template: str, options: tuple[str, ...]
) -> None:
    before = tree_digest(project)
    added = polepos("add", "module", "customers", *_flags(template, options))
    assert added.exit_code == 0, added.stderr
    folder = project / "src" / "shop_api" / "modules" / "customers"
    assert folder.is_dir()
    expected = template + (f"[{','.join(options)}]" if options else "")
    assert _manifest_modules(project)["customers"] == expected
    assert_project_is_clean(project)
    _assert_check_passes(polepos, project)

    after_add = tree_digest(project)
    again = polepos("add", "module", "customers", *_flags(template, options))
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert tree_digest(project) == after_add

    removed = polepos("remove", "module", "customers")
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before
    _assert_check_passes(polepos, project)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(options=st.sets(st.sampled_from(CRUD_OPTIONS), min_size=2))
def test_crud_option_combinations_round_trip(
    polepos: Runner, tmp_path_factory: pytest.TempPathFactory, options: set[str]
) -> None:
    parent = tmp_path_factory.mktemp("combo")
    assert polepos("start", "shop-api", cwd=parent).exit_code == 0
    root = parent / "shop-api"
    before = tree_digest(root)
    ordered = tuple(o for o in CRUD_OPTIONS if o in options)
    added = polepos("add", "module", "orders", *_flags("crud", ordered), cwd=root)
    assert added.exit_code == 0, added.stderr
    assert _manifest_modules(root)["orders"] == f"crud[{','.join(ordered)}]"
    assert_project_is_clean(root)
    assert polepos("remove", "module", "orders").exit_code == 0
    assert tree_digest(root) == before


def test_options_are_recorded_in_canonical_order(
    polepos: Runner, project: Path
) -> None:
    result = polepos(
        "add",
        "module",
        "orders",
        "--template",
        "crud",
        "--auth-required",
        "--pagination",
        "--soft-delete",
    )
    assert result.exit_code == 0, result.stderr
    assert (
        _manifest_modules(project)["orders"]
        == "crud[pagination,soft-delete,auth-required]"
    )


def test_user_and_users_coexist(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    assert polepos("add", "module", "users").exit_code == 0
    with_users = tree_digest(project)
    assert polepos("add", "module", "user").exit_code == 0
    _assert_check_passes(polepos, project)
    assert polepos("remove", "module", "user").exit_code == 0
    assert tree_digest(project) == with_users
    _assert_check_passes(polepos, project)
    assert polepos("add", "module", "user").exit_code == 0
    assert polepos("remove", "module", "users").exit_code == 0
    router = (project / "src/shop_api/api/router.py").read_text()
    assert "modules.user.router import router as user_router" in router
    assert "users_router" not in router
    _assert_check_passes(polepos, project)
    assert polepos("remove", "module", "user").exit_code == 0
    assert tree_digest(project) == before


def test_many_modules_in_random_order_return_to_the_start(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    names = ["zeta", "alpha", "mid_way", "beta2", "beta10"]
    for name in names:
        assert polepos("add", "module", name, "--api-only").exit_code == 0
    assert_project_is_clean(project)
    for name in ["beta10", "zeta", "alpha", "beta2", "mid_way"]:
        assert polepos("remove", "module", name).exit_code == 0, name
    assert tree_digest(project) == before


def test_last_ai_prompt_module_takes_the_llm_scaffold_away(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    assert (
        polepos("add", "module", "assistant", "--template", "ai-prompt").exit_code == 0
    )
    llm = project / "src/shop_api/integrations/llm"
    assert llm.is_dir()
    with_one = tree_digest(project)
    assert polepos("add", "module", "writer", "--template", "ai-prompt").exit_code == 0
    assert polepos("remove", "module", "writer").exit_code == 0
    assert tree_digest(project) == with_one
    assert polepos("add", "module", "writer", "--template", "ai-prompt").exit_code == 0
    assert polepos("remove", "module", "assistant").exit_code == 0
    assert llm.is_dir(), "another ai-prompt module still uses the scaffold"
    _assert_check_passes(polepos, project)
    result = polepos("remove", "module", "writer")
    assert "LLM scaffold was removed" in result.stdout
    assert tree_digest(project) == before
