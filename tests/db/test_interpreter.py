"""`polepos db` runs Alembic in the right interpreter and passes arguments as typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pole_position.cli.services.environment.detect import CREATE_ENVIRONMENT
from tests.conftest import Runner
from tests.env.fake_env import FakeEnv, without_uv


def _runs(env: FakeEnv) -> list[str]:
    """The calls that ran something, without the `-c` import probes."""
    return [call for call in env.calls if not call.startswith("-c ")]


@pytest.fixture
def project(
    project_factory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    without_uv(monkeypatch)
    return project_factory("shop-api")


def test_activated_environment_with_project_and_alembic_comes_first(
    polepos: Runner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = FakeEnv(project / ".venv")
    active = FakeEnv(tmp_path / "envs" / "shop")
    monkeypatch.setenv("VIRTUAL_ENV", str(active.path))
    result = polepos("db", "upgrade", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert active.calls[0].endswith(" shop_api alembic")
    assert active.calls[1:] == ["-m alembic upgrade head"]
    assert venv.calls == []  # not even probed


def test_activated_environment_without_the_project_falls_back_to_dot_venv(
    polepos: Runner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = FakeEnv(project / ".venv")
    other = FakeEnv(tmp_path / "envs" / "other")
    other.fail("probe")
    monkeypatch.setenv("VIRTUAL_ENV", str(other.path))
    result = polepos("db", "upgrade", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert _runs(venv) == ["-m alembic upgrade head"]


def test_without_any_environment_one_line_says_what_to_do(
    polepos: Runner, project: Path
) -> None:
    # polepos's own interpreter has Alembic but not the project: never used.
    result = polepos("db", "upgrade", cwd=project)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert CREATE_ENVIRONMENT in lines[0]
    assert "polepos start NAME --install" in lines[0]
    assert "No module named" not in result.stderr


def test_downgrade_minus_one_as_typed(polepos: Runner, project: Path) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("db", "downgrade", "-1", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert _runs(venv) == ["-m alembic downgrade -1"]


def test_downgrade_still_refuses_unknown_options(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("db", "downgrade", "--to", cwd=project)
    assert result.exit_code == 2
    assert "no such option: --to" in result.stderr
    assert _runs(venv) == []


def test_downgrade_help_shows_the_documented_form(polepos: Runner) -> None:
    result = polepos("db", "downgrade", "--help")
    assert result.exit_code == 0
    assert "polepos db downgrade -1" in result.stdout


def test_revision_message_that_looks_like_an_option(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    result = polepos("db", "revision", "-m", "-x", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert _runs(venv) == ["-m alembic revision --autogenerate --message=-x"]


def test_revision_without_message_is_a_usage_error(
    polepos: Runner, project: Path
) -> None:
    result = polepos("db", "revision", "-m", cwd=project)
    assert result.exit_code == 2


def test_status_labels_its_lines(polepos: Runner, project: Path) -> None:
    FakeEnv(project / ".venv")  # prints nothing: a database at base, no migrations
    result = polepos("db", "status", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "current: (base)",
        "head:    (no migrations yet)",
        "up to date",
    ]


def test_dot_venv_without_alembic_says_how_to_install(
    polepos: Runner, project: Path
) -> None:
    venv = FakeEnv(project / ".venv")
    venv.fail("probe")
    result = polepos("db", "upgrade", cwd=project)
    assert result.exit_code == 1
    assert ".venv has no Alembic" in result.stderr
    assert ".venv/bin/pip install -e '.[dev]'" in result.stderr
    assert _runs(venv) == []
