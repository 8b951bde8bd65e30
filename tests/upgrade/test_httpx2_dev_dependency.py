"""0.2.0's dev extra adds httpx2 (starlette's TestClient runs on it): `upgrade`
carries it to projects of 0.1.0 as a template change to `pyproject.toml`, next to
the user's own entries and the ai-prompt module's runtime `httpx`."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Runner, run_old_polepos

AUTH_TESTS = "tests/integration/test_auth_api.py"
USER_DEV_LINE = '    "ruff>=0.6",\n'


@pytest.fixture
def old_ai_auth_shop(old_project: Callable[..., Path], old_release_tree: Path) -> Path:
    """A 0.1.0 project with an ai-prompt module (runtime `httpx`), then auth."""
    root = old_project("shop")
    for args in (("add", "module", "bot", "--template", "ai-prompt"), ("add", "auth")):
        result = run_old_polepos(old_release_tree, *args, cwd=root)
        assert result.returncode == 0, result.stderr
    return root


def plan_of(polepos: Runner, root: Path) -> dict[str, str]:
    """The upgrade's action per file."""
    data = json.loads(polepos("upgrade", "--json", cwd=root).stdout)
    return {item["path"]: item["action"] for item in data["plan"]["files"]}


def project_table(root: Path) -> dict[str, Any]:
    """The `[project]` table of the project's pyproject.toml."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    table: dict[str, Any] = data["project"]
    return table


def test_a_pristine_pyproject_is_updated(
    polepos: Runner, old_ai_auth_shop: Path
) -> None:
    assert "httpx2" not in (old_ai_auth_shop / "pyproject.toml").read_text()
    dependencies = project_table(old_ai_auth_shop)["dependencies"]
    assert dependencies.index("httpx>=0.27") < dependencies.index(
        "email-validator>=2.0"
    )
    planned = plan_of(polepos, old_ai_auth_shop)
    assert planned["pyproject.toml"] == "update"
    assert planned[AUTH_TESTS] == "update"
    applied = polepos("upgrade", "--apply", cwd=old_ai_auth_shop)
    assert applied.exit_code == 0, applied.stdout + applied.stderr
    # upgrade installs nothing: it says how to get the new dev requirement.
    assert "pyproject.toml changed: reinstall the project" in applied.stdout

    project = project_table(old_ai_auth_shop)
    dev = project["optional-dependencies"]["dev"]
    assert "httpx2>=2.0" in dev
    assert "httpx>=0.27" in dev  # starlette before 1.2 still needs it
    # The wiring was taken out for the merge and put back where it was: the
    # ai-prompt module's `httpx` stays above auth's requirements, added after it.
    assert project["dependencies"] == dependencies
    tests = (old_ai_auth_shop / AUTH_TESTS).read_text()
    assert "import httpx2 as httpx" in tests
    assert "\nimport httpx\n" not in tests
    assert polepos("check", cwd=old_ai_auth_shop).exit_code == 0


def test_the_users_own_dev_dependency_is_merged_with_httpx2(
    polepos: Runner, old_ai_auth_shop: Path
) -> None:
    pyproject = old_ai_auth_shop / "pyproject.toml"
    text = pyproject.read_text()
    assert text.count(USER_DEV_LINE) == 1
    pyproject.write_text(
        text.replace(USER_DEV_LINE, USER_DEV_LINE + '    "freezegun>=1.5",\n')
    )
    assert plan_of(polepos, old_ai_auth_shop)["pyproject.toml"] == "merge"
    applied = polepos("upgrade", "--apply", cwd=old_ai_auth_shop)
    assert applied.exit_code == 0, applied.stdout + applied.stderr

    dev = project_table(old_ai_auth_shop)["optional-dependencies"]["dev"]
    assert dev[-1] == "freezegun>=1.5"
    assert {"httpx>=0.27", "httpx2>=2.0"} <= set(dev)
    assert polepos("check", cwd=old_ai_auth_shop).exit_code == 0
    # A second apply has nothing left to carry.
    assert "up to date" in polepos("upgrade", cwd=old_ai_auth_shop).stdout
