"""`add`/`remove` keep the project's environment in step with its dependencies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pole_position.cli.services.environment.detect import CREATE_ENVIRONMENT
from tests.conftest import Runner
from tests.env.fake_env import FakeEnv, without_uv


@pytest.fixture
def project(
    project_factory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    without_uv(monkeypatch)
    return project_factory("shop-api")


def test_add_integration_installs_into_dot_venv(polepos: Runner, project: Path) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert venv.calls == ["-m pip install --quiet -e ."]
    assert "New dependencies: redis" in result.stdout
    assert "installing the dependencies into .venv: .venv/bin/python -m pip" in (
        result.stdout
    )
    assert "Environment .venv is up to date." in result.stdout


def test_no_install_installs_nothing_and_names_the_command(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("add", "auth", "--no-install", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert venv.calls == []
    assert "Not installed (--no-install)." in result.stdout
    assert ".venv/bin/python -m pip install --quiet -e ." in result.stdout
    assert "email-validator" in (project / "pyproject.toml").read_text()


def test_without_environment_the_output_names_what_to_run(
    polepos: Runner, project: Path
) -> None:
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert f"run in shop-api: {CREATE_ENVIRONMENT}" in result.stdout
    assert not (project / ".venv").exists()


def test_failed_install_keeps_the_change_and_says_how_to_retry(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    venv.fail("install")
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 1
    assert "ERROR: no matching distribution" in result.stderr
    assert "installing its dependencies into .venv failed (python exited 1)" in (
        result.stderr
    )
    assert "retry in the project: .venv/bin/python -m pip install" in result.stderr
    assert "redis = true" in (project / ".poleposition.toml").read_text()


def test_changes_without_new_dependencies_install_nothing(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    assert polepos("add", "module", "customers", cwd=project).exit_code == 0
    assert venv.calls == []


def test_first_ai_prompt_module_installs_httpx(polepos: Runner, project: Path) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("add", "module", "bot", "--template", "ai-prompt", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "New dependencies: httpx" in result.stdout
    assert venv.calls == ["-m pip install --quiet -e ."]


def test_remove_refreshes_and_names_what_stays_installed(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    assert (
        polepos("add", "integration", "redis", "--no-install", cwd=project).exit_code
        == 0
    )
    result = polepos("remove", "integration", "redis", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert venv.calls == ["-m pip install --quiet -e ."]
    assert "redis stays installed in .venv" in result.stdout
    assert ".venv/bin/python -m pip uninstall redis" in result.stdout


def test_remove_no_install_runs_nothing(polepos: Runner, project: Path) -> None:
    venv = FakeEnv(project / ".venv")
    assert (
        polepos("add", "integration", "rq", "--no-install", cwd=project).exit_code == 0
    )
    result = polepos("remove", "integration", "rq", "--no-install", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert venv.calls == []


def test_activated_environment_holding_the_project_wins(
    polepos: Runner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = FakeEnv(project / ".venv")
    active = FakeEnv(tmp_path / "envs" / "shop")
    monkeypatch.setenv("VIRTUAL_ENV", str(active.path))
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert venv.calls == []
    assert active.calls[0].startswith("-c ")  # the project is importable there
    assert active.calls[0].endswith(" shop_api")
    assert active.calls[1:] == ["-m pip install --quiet -e ."]


def test_unrelated_activated_environment_is_left_alone(
    polepos: Runner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = FakeEnv(project / ".venv")
    other = FakeEnv(tmp_path / "envs" / "other")
    other.fail("probe")
    monkeypatch.setenv("VIRTUAL_ENV", str(other.path))
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert [call for call in other.calls if not call.startswith("-c ")] == []
    assert venv.calls == ["-m pip install --quiet -e ."]


def test_no_install_is_in_help(polepos: Runner) -> None:
    for group, command in [("add", "integration"), ("remove", "module")]:
        result = polepos(group, command, "--help")
        assert "--no-install" in result.stdout
