"""Auth added by 0.1.0 has a one-field settings block and a one-key env block; the
rate limits of 0.2.0 add two of each. `check` and `remove` read the blocks as the
recorded release wrote them, and `upgrade` migrates them to this release's shape."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Runner, run_old_polepos, tree_digest

SETTINGS = "src/shop/settings.py"


@pytest.fixture
def old_auth_shop(old_project: Callable[..., Path], old_release_tree: Path) -> Path:
    """A 0.1.0 project with auth added by 0.1.0."""
    root = old_project("shop")
    result = run_old_polepos(old_release_tree, "add", "auth", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def test_check_and_remove_read_the_blocks_of_the_recorded_release(
    polepos: Runner, old_auth_shop: Path, old_release_tree: Path
) -> None:
    assert "auth_rate_limit_attempts" not in (old_auth_shop / SETTINGS).read_text()
    checked = polepos("check", cwd=old_auth_shop)
    assert checked.exit_code == 0, checked.stdout

    removed = polepos("remove", "auth", cwd=old_auth_shop)
    assert removed.exit_code == 0, removed.stderr
    assert "auth_allow_registration" not in (old_auth_shop / SETTINGS).read_text()


def test_upgrade_migrates_the_auth_blocks(polepos: Runner, old_auth_shop: Path) -> None:
    applied = polepos("upgrade", "--apply", cwd=old_auth_shop)
    assert applied.exit_code == 0, applied.stdout + applied.stderr

    settings = (old_auth_shop / SETTINGS).read_text()
    assert "auth_rate_limit_attempts: int = 10" in settings
    assert "auth_rate_limit_window_seconds: int = 300" in settings
    assert "AUTH_RATE_LIMIT_ATTEMPTS=10" in (old_auth_shop / ".env.example").read_text()
    assert (old_auth_shop / "src/shop/modules/auth/throttle.py").is_file()
    checked = polepos("check", cwd=old_auth_shop)
    assert checked.exit_code == 0, checked.stdout

    before = tree_digest(old_auth_shop)
    assert polepos("remove", "auth", cwd=old_auth_shop).exit_code == 0
    assert "auth_rate_limit" not in (old_auth_shop / SETTINGS).read_text()
    assert tree_digest(old_auth_shop) != before
