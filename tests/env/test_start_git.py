"""`polepos start` puts the new project under git, unless told not to or nested."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Runner, run_polepos_process


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False
    )


def test_start_makes_one_clean_commit_that_ignores_env(
    polepos: Runner, tmp_path: Path
) -> None:
    result = polepos("start", "shop-api", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "shop-api"
    assert "Initialised a git repository with an initial commit." in result.stdout
    assert _git(root, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert _git(root, "status", "--porcelain").stdout == ""
    tracked = _git(root, "ls-files").stdout.splitlines()
    assert ".poleposition.toml" in tracked
    assert ".env.example" in tracked
    assert ".env" not in tracked
    (root / ".env").write_text("JWT_SECRET=mine\n")
    assert _git(root, "check-ignore", "-q", ".env").returncode == 0
    assert _git(root, "status", "--porcelain").stdout == ""


def test_start_inside_a_repository_does_not_nest_one(
    polepos: Runner, tmp_path: Path
) -> None:
    assert _git(tmp_path, "init", "--quiet").returncode == 0
    result = polepos("start", "shop-api", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "shop-api" / ".git").exists()
    assert "git repository" not in result.stdout


def test_no_git_opts_out(polepos: Runner, tmp_path: Path) -> None:
    result = polepos("start", "shop-api", "--no-git", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "shop-api" / ".git").exists()


def test_commit_works_without_a_git_identity(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    # A machine where git was never configured: no global or system identity
    # (os.environ is filtered below, so this cannot go through run_polepos_process).
    env = {
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    for name in ("NAME", "EMAIL"):
        for who in ("AUTHOR", "COMMITTER"):
            env[f"GIT_{who}_{name}"] = ""
    clean = {k: v for k, v in {**os.environ, **env}.items() if v}
    result = subprocess.run(
        [sys.executable, "-m", "pole_position", "start", "shop-api"],
        cwd=work,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    root = work / "shop-api"
    author = _git(root, "log", "-1", "--format=%an <%ae>").stdout.strip()
    assert author == "PolePosition <polepos@localhost>"
    assert not (home / ".gitconfig").exists()  # nothing written to the user's config


def test_configured_identity_is_used(tmp_path: Path) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n")
    work = tmp_path / "work"
    work.mkdir()
    result = run_polepos_process(
        "start", "shop-api", cwd=work, env={"GIT_CONFIG_GLOBAL": str(config)}
    )
    assert result.returncode == 0, result.stderr
    author = _git(work / "shop-api", "log", "-1", "--format=%an <%ae>").stdout
    assert author.strip() == "Ada Lovelace <ada@example.org>"


def test_failed_commit_warns_and_leaves_no_half_made_repository(
    tmp_path: Path,
) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    hook = hooks / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Ada\n\temail = ada@example.org\n"
        f"[core]\n\thooksPath = {hooks}\n"
    )
    work = tmp_path / "work"
    work.mkdir()
    result = run_polepos_process(
        "start", "shop-api", cwd=work, env={"GIT_CONFIG_GLOBAL": str(config)}
    )
    assert result.returncode == 0, result.stderr
    assert "warning: git commit failed (hook says no)" in result.stderr
    assert not (work / "shop-api" / ".git").exists()
    assert (work / "shop-api" / ".poleposition.toml").is_file()
