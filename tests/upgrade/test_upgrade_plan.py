"""`polepos upgrade` on projects made by the 0.1.0 release (code from git history)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pole_position.cli.services.render import templates as template_renderer
from tests.conftest import Runner, run_old_polepos, tree_digest

ROUTER = "src/shop/api/router.py"
ROUTER_TEMPLATE = "project/src/__package__/api/router.py.jinja"
NEW_LINE = (
    '"""API composition: every module router is included here under its prefix."""'
)


@pytest.fixture
def old_shop(old_project: Callable[..., Path], old_release_tree: Path) -> Path:
    """A 0.1.0 project with a crud module, committed as the user would have it."""
    root = old_project("shop")
    result = run_old_polepos(
        old_release_tree, "add", "module", "customers", "--template", "crud", cwd=root
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def changed_router_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed templates whose managed router.py gained a line (a new release)."""
    copy = tmp_path / "templates"
    shutil.copytree(template_renderer.template_root(), copy)
    target = copy / ROUTER_TEMPLATE
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace(NEW_LINE, NEW_LINE + "\n\n# Included in app.py under API_PREFIX."),
        encoding="utf-8",
    )
    monkeypatch.setattr(template_renderer, "template_root", lambda: copy)


def plan_of(polepos: Runner, root: Path) -> dict[str, str]:
    result = polepos("upgrade", "--json", cwd=root)
    data = json.loads(result.stdout)
    return {item["path"]: item["action"] for item in data["plan"]["files"]}


def test_pristine_project_moves_to_the_new_render(
    polepos: Runner, old_shop: Path
) -> None:
    planned = plan_of(polepos, old_shop)
    assert planned["README.md"] == "update"  # it names the generating version
    # Nothing was edited: every file is replaced or created, nothing merged.
    assert set(planned.values()) == {"update", "create"}
    result = polepos("upgrade", "--apply", cwd=old_shop)
    assert result.exit_code == 0, result.stderr
    assert polepos("check", cwd=old_shop).exit_code == 0
    # A second apply has nothing left to do.
    before = tree_digest(old_shop)
    again = polepos("upgrade", "--apply", cwd=old_shop)
    assert again.exit_code == 0
    assert tree_digest(old_shop) == before
    assert "up to date" in polepos("upgrade", cwd=old_shop).stdout


def test_plan_is_read_only(polepos: Runner, old_shop: Path) -> None:
    before = tree_digest(old_shop)
    assert polepos("upgrade", cwd=old_shop).exit_code == 0
    assert polepos("upgrade", "--apply", "--diff", cwd=old_shop).exit_code == 0
    assert tree_digest(old_shop) == before


@pytest.mark.usefixtures("changed_router_template")
def test_managed_file_is_merged_without_its_wiring(
    polepos: Runner, old_shop: Path
) -> None:
    router = old_shop / ROUTER
    router.write_text(router.read_text() + "\n# my own note\n")
    assert plan_of(polepos, old_shop)[ROUTER] == "merge"
    result = polepos("upgrade", "--apply", cwd=old_shop)
    assert result.exit_code == 0, result.stderr
    text = router.read_text()
    assert "# Included in app.py under API_PREFIX." in text  # the template's change
    assert text.endswith("\n# my own note\n")  # the user's edit
    assert text.count("include_router(customers_router") == 1  # wiring re-applied once
    assert polepos("check", cwd=old_shop).exit_code == 0


@pytest.mark.usefixtures("changed_router_template")
def test_conflict_is_written_with_git_markers_and_exit_1(
    polepos: Runner, old_shop: Path
) -> None:
    router = old_shop / ROUTER
    text = router.read_text()
    router.write_text(
        text.replace(NEW_LINE, NEW_LINE + "\n\n# Mine: a different line.")
    )
    assert plan_of(polepos, old_shop)[ROUTER] == "conflict"
    assert polepos("upgrade", cwd=old_shop).exit_code == 1
    result = polepos("upgrade", "--apply", cwd=old_shop)
    assert result.exit_code == 1
    assert f"conflict: {ROUTER}" in result.stderr
    written = router.read_text()
    assert "<<<<<<< project\n" in written
    assert "||||||| polepos 0.1.0\n" in written
    assert ">>>>>>> polepos 0.2.0\n" in written
    check = json.loads(polepos("check", "--json", cwd=old_shop).stdout)
    assert any(issue["code"] == "PP040" for issue in check["issues"])
    # Resolve by keeping both lines, then let check --fix restore the wiring.
    resolved = [
        line
        for line in written.splitlines(keepends=True)
        if not line.startswith(("<<<<<<<", "|||||||", "=======", ">>>>>>>"))
    ]
    router.write_text("".join(resolved))
    assert polepos("check", "--fix", cwd=old_shop).exit_code == 0
    assert polepos("check", cwd=old_shop).exit_code == 0
    assert "include_router(customers_router" in router.read_text()


def test_apply_refuses_while_the_check_fails(polepos: Runner, old_shop: Path) -> None:
    router = old_shop / ROUTER
    router.write_text(router.read_text().replace("# polepos:router-includes\n", ""))
    before = tree_digest(old_shop)
    result = polepos("upgrade", "--apply", cwd=old_shop)
    assert result.exit_code == 1
    assert "check fails" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree_digest(old_shop) == before


def test_a_dropped_template_file_is_deleted_only_when_pristine(
    polepos: Runner, old_shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "templates"
    shutil.copytree(template_renderer.template_root(), copy)
    (copy / "project/.dockerignore.jinja").unlink()
    (copy / "project/compose.yaml.jinja").unlink()
    (copy / "project/NOTES.md.jinja").write_text("New in this release.\n")
    monkeypatch.setattr(template_renderer, "template_root", lambda: copy)
    compose = old_shop / "compose.yaml"
    compose.write_text(compose.read_text() + "# our override\n")
    planned = plan_of(polepos, old_shop)
    assert planned[".dockerignore"] == "delete"
    assert planned["compose.yaml"] == "kept"
    assert planned["NOTES.md"] == "create"
    assert polepos("upgrade", "--apply", cwd=old_shop).exit_code == 0
    assert not (old_shop / ".dockerignore").exists()
    assert compose.read_text().endswith("# our override\n")
    assert (old_shop / "NOTES.md").read_text() == "New in this release.\n"


def test_the_upgrade_gives_a_0_1_0_project_a_random_secret(
    polepos: Runner, old_shop: Path
) -> None:
    from pole_position.cli.services.project.local_env import LOCAL_HEADER

    assert not (old_shop / ".env").exists()  # 0.1.0 never wrote one
    assert plan_of(polepos, old_shop)[".env"] == "create"
    assert polepos("upgrade", "--apply", cwd=old_shop).exit_code == 0
    env = (old_shop / ".env").read_text()
    assert env.startswith(LOCAL_HEADER)
    (secret,) = [line for line in env.splitlines() if line.startswith("JWT_SECRET=")]
    assert len(secret.removeprefix("JWT_SECRET=")) >= 32
    assert "change-me" not in secret
    assert ".env" not in (old_shop / ".poleposition.lock").read_text().split('"')


def test_a_placeholder_secret_in_an_existing_env_is_replaced_alone(
    polepos: Runner, old_shop: Path
) -> None:
    example = (old_shop / ".env.example").read_text()
    user_env = example + "MY_OWN_KEY=kept\n"
    (old_shop / ".env").write_text(
        user_env
    )  # 0.1.0's README said: cp .env.example .env
    assert plan_of(polepos, old_shop)[".env"] == "update"
    assert polepos("upgrade", "--apply", cwd=old_shop).exit_code == 0
    after = (old_shop / ".env").read_text().splitlines()
    before = user_env.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][0].startswith("JWT_SECRET=change-me")
    assert not changed[0][1].startswith("JWT_SECRET=change-me")
