"""The pre-commit hook this repository provides, and the CI recipes in docs/ci.md."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.examples._support import InstalledPolepos

HOOKS = REPO_ROOT / ".pre-commit-hooks.yaml"
CI_DOC = REPO_ROOT / "docs" / "ci.md"


def hooks() -> list[dict[str, Any]]:
    """The hooks declared in .pre-commit-hooks.yaml."""
    loaded = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def yaml_blocks(markdown: str) -> list[Any]:
    """Every ```yaml block of a page, parsed."""
    blocks = re.findall(r"```yaml\n(.*?)```", markdown, re.S)
    return [yaml.safe_load(block) for block in blocks]


def test_polepos_check_hook_runs_the_check_once_per_commit() -> None:
    (hook,) = [h for h in hooks() if h["id"] == "polepos-check"]

    assert hook["entry"] == "polepos check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True
    assert hook["name"]
    # pre-commit installs the repository (language: python): it must ship polepos.
    assert 'polepos = "pole_position.cli.main:run"' in (
        REPO_ROOT / "pyproject.toml"
    ).read_text(encoding="utf-8")


def test_ci_page_uses_the_hook_and_uploads_sarif() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    config, local, workflow = yaml_blocks(text)

    remote_hooks = config["repos"][0]["hooks"]
    assert [h["id"] for h in remote_hooks] == ["polepos-check"]
    assert {h["id"] for h in hooks()} >= {"polepos-check"}
    local_hook = local["repos"][0]["hooks"][0]
    assert local["repos"][0]["repo"] == "local"
    assert local_hook["entry"] == "polepos check"
    assert local_hook["pass_filenames"] is False

    steps = workflow["jobs"]["polepos-check"]["steps"]
    runs = [step.get("run") for step in steps]
    assert "polepos check --format sarif > polepos.sarif" in runs
    (upload,) = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "polepos.sarif"
    assert upload["if"] == "always()"
    permissions = workflow["jobs"]["polepos-check"]["permissions"]
    assert permissions["security-events"] == "write"


@pytest.mark.e2e
def test_hook_entry_checks_a_project_from_its_root(
    installed_polepos: InstalledPolepos, tmp_path: Path
) -> None:
    (hook,) = [h for h in hooks() if h["id"] == "polepos-check"]
    env = installed_polepos.env(with_uv=False)
    start = subprocess.run(
        ["polepos", "start", "shop-api"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert start.returncode == 0, start.stderr
    root = tmp_path / "shop-api"

    # pre-commit runs the entry from the repository's root, with no file names.
    passed = subprocess.run(
        shlex.split(hook["entry"]), cwd=root, env=env, capture_output=True, text=True
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (root / "src" / "shop_api" / "api" / "router.py").write_text("", encoding="utf-8")
    failed = subprocess.run(
        shlex.split(hook["entry"]), cwd=root, env=env, capture_output=True, text=True
    )
    assert failed.returncode == 1, failed.stdout + failed.stderr
