"""`add auth` / `remove auth`: exact inverse, refusals, and a clean project."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import Runner, tree_digest
from tests.generated._support import assert_project_is_clean


def test_add_check_remove_round_trip(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    added = polepos("add", "auth")
    assert added.exit_code == 0, added.stderr
    assert (project / "src/shop_api/modules/auth/router.py").is_file()
    router = (project / "src/shop_api/api/router.py").read_text()
    assert (
        'api_router.include_router(auth_router, prefix="/auth", tags=["auth"])'
        in router
    )
    manifest = tomllib.loads((project / ".poleposition.toml").read_text())
    assert manifest["poleposition"]["auth"] is True
    deps = tomllib.loads((project / "pyproject.toml").read_text())["project"][
        "dependencies"
    ]
    assert any(d.startswith("pwdlib[argon2]") for d in deps)
    assert_project_is_clean(project)
    check = polepos("check")
    assert check.exit_code == 0, check.stdout
    again = polepos("add", "auth")
    assert again.exit_code == 1
    assert "already" in again.stderr
    assert polepos("remove", "auth").exit_code == 0
    assert tree_digest(project) == before


def test_auth_needs_a_database(polepos: Runner, none_project: Path) -> None:
    before = tree_digest(none_project)
    result = polepos("add", "auth")
    assert result.exit_code == 1
    assert "database" in result.stderr
    assert tree_digest(none_project) == before


def test_auth_and_modules_together(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    assert (
        polepos(
            "add", "module", "orders", "--template", "crud", "--tenant-scoped"
        ).exit_code
        == 0
    )
    assert polepos("add", "auth").exit_code == 0
    assert polepos("check").exit_code == 0
    assert polepos("remove", "module", "orders").exit_code == 0
    assert polepos("remove", "auth").exit_code == 0
    assert tree_digest(project) == before


def test_module_named_auth_stays_reserved(polepos: Runner, project: Path) -> None:
    assert polepos("add", "module", "auth").exit_code == 2


def test_the_ttl_cache_is_polepos_own_source(polepos: Runner, project: Path) -> None:
    """The limiter's TTLCache is `polepos.data.ttl`, copied in with a header line."""
    from polepos.data import ttl

    assert polepos("add", "auth").exit_code == 0
    copied = (project / "src/shop_api/modules/auth/_ttl_cache.py").read_text()

    header, _, body = copied.partition("\n")
    assert (
        header
        == "# Copied from PolePosition's polepos.data.ttl when this file was generated."
    )
    assert body == Path(ttl.__file__).read_text(encoding="utf-8")
