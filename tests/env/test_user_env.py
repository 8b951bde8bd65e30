"""The user's `.env` gains each feature's env block and gives it back exactly."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.env.fake_env import without_uv


@pytest.fixture
def project(
    project_factory: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    without_uv(monkeypatch)
    root = project_factory("shop-api")
    # The user's own secrets file, as `cp .env.example .env` and an edit make it.
    text = (root / ".env.example").read_text() + "MY_OWN_SETTING=1\n"
    (root / ".env").write_text(text)
    (root / ".env").chmod(0o600)
    return root


def _codes(polepos: Runner, root: Path) -> list[str]:
    result = polepos("check", "--json", cwd=root)
    return [issue["code"] for issue in json.loads(result.stdout)["issues"]]


@pytest.mark.parametrize(
    ("add", "remove", "key"),
    [
        (("integration", "redis"), ("integration", "redis"), "REDIS_URL="),
        (("auth",), ("auth",), None),
        (
            ("module", "bot", "--template", "ai-prompt"),
            ("module", "bot"),
            "LLM_PROVIDER=none",
        ),
    ],
)
def test_add_writes_the_block_and_remove_restores_env_byte_for_byte(
    polepos: Runner,
    project: Path,
    add: tuple[str, ...],
    remove: tuple[str, ...],
    key: str | None,
) -> None:
    before = (project / ".env").read_bytes()
    added = polepos("add", *add, "--no-install", cwd=project)
    assert added.exit_code == 0, added.stderr
    after_add = (project / ".env").read_text()
    example = (project / ".env.example").read_text()
    new_lines = [
        line
        for line in example.splitlines()
        if line and line not in before.decode().splitlines()
    ]
    if key is not None:
        assert key in after_add
    for line in new_lines:
        assert line in after_add.splitlines(), line
    assert "MY_OWN_SETTING=1" in after_add
    assert (project / ".env").stat().st_mode & 0o777 == 0o600
    assert "PP330" not in _codes(polepos, project)
    removed = polepos("remove", *remove, "--no-install", cwd=project)
    assert removed.exit_code == 0, removed.stderr
    assert (project / ".env").read_bytes() == before


def test_env_without_the_marker_is_left_alone_and_check_warns(
    polepos: Runner, project: Path
) -> None:
    (project / ".env").write_text("DATABASE_URL=sqlite:///./mine.db\n")
    before = (project / ".env").read_bytes()
    added = polepos("add", "integration", "redis", "--no-install", cwd=project)
    assert added.exit_code == 0, added.stderr
    assert (project / ".env").read_bytes() == before
    result = polepos("check", cwd=project)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "PP330" in result.stdout + result.stderr
    assert "REDIS_URL is in .env.example but missing from .env" in (
        result.stdout + result.stderr
    )


def test_check_reports_each_missing_key_only_when_env_exists(
    polepos: Runner, project: Path
) -> None:
    lines = (project / ".env").read_text().splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("DATABASE_URL=")]
    (project / ".env").write_text("".join(kept))
    assert _codes(polepos, project).count("PP330") == 1
    fixed = polepos("check", "--fix", cwd=project)
    assert "DATABASE_URL" not in (project / ".env").read_text()  # never copied
    assert "PP330" in fixed.stdout + fixed.stderr
    (project / ".env").unlink()
    assert "PP330" not in _codes(polepos, project)


def test_commented_key_in_env_counts_as_present(polepos: Runner, project: Path) -> None:
    text = (project / ".env").read_text()
    (project / ".env").write_text(text.replace("DATABASE_URL=", "# DATABASE_URL="))
    assert "PP330" not in _codes(polepos, project)


def test_symlinked_env_is_not_edited(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    real = tmp_path / "secrets.env"
    shutil.move(project / ".env", real)
    (project / ".env").symlink_to(real)
    before = real.read_bytes()
    assert (
        polepos("add", "integration", "redis", "--no-install", cwd=project).exit_code
        == 0
    )
    assert (project / ".env").is_symlink()
    assert real.read_bytes() == before
