"""The documentation site builds with MkDocs in strict mode: warnings are errors.

This is how CI builds the docs: a broken relative link, a page missing from the nav
or an unknown anchor fails the build, and so this test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytest.importorskip("mkdocs", reason="mkdocs is a dev dependency: pip install '.[dev]'")


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file()
    for page in ("getting-started", "commands", "checks", "comparison"):
        assert (site / page / "index.html").is_file(), page


def test_every_page_is_in_the_nav() -> None:
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted((REPO_ROOT / "docs").glob("*.md")):
        assert f" {page.name}" in config, f"{page.name} is not in the mkdocs.yml nav"
