"""`polepos upgrade`, `delete` and `completion`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import Runner, complete_bash, tree_digest


@pytest.fixture
def project(polepos: Runner, tmp_path: Path) -> Path:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    polepos("version", cwd=root)
    assert (
        polepos(
            "add", "module", "orders", "--template", "crud", "--pagination"
        ).exit_code
        == 0
    )
    assert polepos("add", "module", "notes", "--api-only").exit_code == 0
    assert polepos("add", "integration", "redis").exit_code == 0
    return root


# -- upgrade -------------------------------------------------------------------


def test_upgrade_reports_the_project_read_only(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    result = polepos("upgrade")
    assert result.exit_code == 0, result.stdout
    assert "(package shop_api, db sqlite)" in result.stdout
    assert "unchanged:" in result.stdout
    assert "check: passed" in result.stdout
    assert "up to date" in result.stdout
    assert tree_digest(project) == before


def test_upgrade_json_has_every_field(polepos: Runner, project: Path) -> None:
    polepos("remove", "module", "notes", "--wiring-only")
    data = json.loads(polepos("upgrade", "--json").stdout)
    assert data["installed_version"]
    assert data["package"] == "shop_api"
    assert data["db"] == "sqlite"
    modules = {m["name"]: m for m in data["modules"]}
    assert modules["orders"]["template"] == "crud[pagination]"
    assert modules["orders"]["generated_by"] == data["installed_version"]
    assert data["detached"] == [{"name": "notes", "template": "api-only"}]
    assert data["integrations"] == ["redis"]
    assert data["auth"] is False
    assert data["check"]["passed"] is True


def test_upgrade_exits_1_when_the_check_fails(polepos: Runner, project: Path) -> None:
    router = project / "src/shop_api/api/router.py"
    router.write_text(router.read_text().replace("# polepos:router-includes\n", ""))
    result = polepos("upgrade", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["check"]["passed"] is False
    assert any(issue["code"] == "PP101" for issue in data["check"]["issues"])


def test_upgrade_outside_a_project(polepos: Runner, tmp_path: Path) -> None:
    result = polepos("upgrade", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1


# -- delete --------------------------------------------------------------------


def test_delete_with_force_removes_the_folder_and_not_what_venv_points_to(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared-env"
    shared.mkdir()
    (shared / "keep").write_text("x")
    (project / ".venv").symlink_to(shared, target_is_directory=True)
    result = polepos("delete", "shop-api", "--force", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert not project.exists()
    assert (shared / "keep").exists()


def test_delete_trace_deletes_nothing(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    result = polepos("delete", "shop-api", "--trace", cwd=tmp_path)
    assert result.exit_code == 0
    assert "delete " in result.stdout
    assert "files" in result.stdout
    assert project.exists()


def test_delete_without_a_tty_or_force_refuses(
    polepos: Runner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    result = polepos("delete", "shop-api", cwd=tmp_path)
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert project.exists()


@pytest.mark.parametrize(("answer", "deleted"), [(True, True), (False, False)])
def test_delete_asks_on_a_tty(
    polepos: Runner,
    project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: bool,
    deleted: bool,
) -> None:
    import typer

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(typer, "confirm", lambda *a, **k: answer)
    result = polepos("delete", "shop-api", cwd=tmp_path)
    assert result.exit_code == (0 if deleted else 1)
    assert project.exists() is not deleted


def test_delete_refuses_current_folder_parents_and_non_projects(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    assert polepos("delete", ".", "--force", cwd=project).exit_code == 1
    assert polepos("delete", "..", "--force", cwd=project / "src").exit_code == 1
    plain = tmp_path / "plain"
    plain.mkdir()
    result = polepos("delete", "plain", "--force", cwd=tmp_path)
    assert result.exit_code == 1
    assert "not a PolePosition project" in result.stderr
    assert plain.exists()
    assert project.exists()


# -- completion ----------------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(polepos: Runner, shell: str) -> None:
    result = polepos("completion", shell)
    assert result.exit_code == 0
    assert "_POLEPOS_COMPLETE" in result.stdout
    assert f"complete_{shell}" in result.stdout


def test_completion_rejects_unknown_shells(polepos: Runner) -> None:
    assert polepos("completion", "tcsh").exit_code == 2


def test_completion_of_commands_options_and_values(project: Path) -> None:
    assert {"start", "add", "remove", "check", "db"} <= set(
        complete_bash(project, "polepos ")
    )
    assert set(complete_bash(project, "polepos add ")) == {
        "module",
        "field",
        "integration",
        "auth",
    }
    assert "--pagination" in complete_bash(project, "polepos add module x --")
    assert set(complete_bash(project, "polepos add module x --template ")) == {
        "standard",
        "crud",
        "ai-prompt",
        "api-only",
        "service-only",
    }
    assert set(complete_bash(project, "polepos start x --db ")) == {
        "sqlite",
        "postgres",
        "none",
    }
    assert set(complete_bash(project, "polepos add integration r")) == {
        "rabbitmq",
        "redis",
        "rq",
    }


def test_completion_of_the_projects_modules_and_integrations(project: Path) -> None:
    assert complete_bash(project, "polepos remove module ") == ["notes", "orders"]
    assert complete_bash(project, "polepos remove module o") == ["orders"]
    assert complete_bash(project, "polepos remove integration ") == ["redis"]
