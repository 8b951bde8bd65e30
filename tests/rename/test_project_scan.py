"""The rename's file scan: the child process finds what an in-process scan finds.

`polepos rename module` starts `ProjectScan` before it imports its planning
modules, so the scan of every Python file runs on another core (bench/cli.py
times it). Here: the child and the in-process scan agree on hits, unreadable
files, hidden folders and links; a failing child falls back to the in-process
scan; the command starts the scan before LibCST is imported; a plan given a
scan for other words scans again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position.cli.services.plans.rename import (
    plan_rename_module,
    project_scan,
    scan_words,
)
from pole_position.cli.services.plans.rename.project_scan import ProjectScan, scan
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state
from tests.conftest import Runner


def _tree(root: Path) -> None:
    files = {
        "a.py": "from pkg.modules.orders import router\n",
        "b.py": "x = 1\n",
        "pkg/Order.py": "class Order: ...\n",
        "pkg/deep/c.py": "# orders\n",
        "pkg/notes.txt": "orders\n",
        ".hidden/d.py": "orders\n",
        "node_modules/e.py": "orders\n",
        "pkg/__pycache__/f.py": "orders\n",
        "outside/g.py": "orders\n",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    os.symlink(root / "outside", root / "pkg" / "linked")  # a folder link: not entered
    os.symlink(root / "a.py", root / "pkg" / "alias.py")  # a file link: read


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _tree(tmp_path)
    return tmp_path


def test_the_child_finds_what_the_in_process_scan_finds(tree: Path) -> None:
    words = ("Order", "orders")
    here = scan(str(tree), words)
    assert here.hits == [
        "a.py",
        "outside/g.py",
        "pkg/Order.py",
        "pkg/alias.py",
        "pkg/deep/c.py",
    ]
    child = ProjectScan(str(tree), words)
    assert child._child is not None  # really a child process
    assert child.result() == here


def test_an_unreadable_file_is_reported_not_raised(tree: Path) -> None:
    os.symlink(tree / "missing.py", tree / "broken.py")  # unreadable, even for root
    found = ProjectScan(str(tree), ("orders",)).result()
    assert found.unreadable == {"broken.py": "No such file or directory"}
    assert found == scan(str(tree), ("orders",))


def test_a_rename_refuses_an_unreadable_python_file_in_one_line(
    polepos: Runner, shop: Path
) -> None:
    os.symlink(shop / "missing.py", shop / "src" / "broken.py")
    before = sorted(p for p in shop.rglob("*") if p.is_file())
    result = polepos("rename", "module", "customers", "clients")
    assert result.exit_code == 1
    assert "src/broken.py cannot be read (No such file or directory)" in result.stderr
    assert sorted(p for p in shop.rglob("*") if p.is_file()) == before


def test_a_folder_named_like_a_module_file_is_skipped(tree: Path) -> None:
    (tree / "pkg" / "folder.py").mkdir()
    assert "pkg/folder.py" not in ProjectScan(str(tree), ("orders",)).result().hits


def test_a_failing_child_falls_back_to_scanning_here(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tree / "no-such-python"))
    fallback = ProjectScan(str(tree), ("orders",))
    assert fallback._child is None
    assert fallback.result() == scan(str(tree), ("orders",))

    monkeypatch.setattr(sys, "executable", "/bin/false")
    failed = ProjectScan(str(tree), ("orders",))
    assert failed.result() == scan(str(tree), ("orders",))


# A fresh interpreter: whether LibCST is loaded when the scan starts.
_PROBE = """
import sys
from pole_position.cli.main import main
from pole_position.cli.services.plans.rename.project_scan import ProjectScan

original = ProjectScan.__init__

def recording(self, root, words):
    print("libcst loaded at scan start:", "libcst" in sys.modules, file=sys.stderr)
    original(self, root, words)

ProjectScan.__init__ = recording
sys.exit(main(["rename", "module", "customers", "clients", "--quiet"]))
"""


def test_the_command_starts_the_scan_before_importing_libcst(shop: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=shop,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "libcst loaded at scan start: False" in done.stderr.splitlines()
    assert (shop / "src/shop/modules/clients").is_dir()


def test_a_scan_for_other_words_is_done_again(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = load_state(locate_project(shop))
    words: list[tuple[str, ...]] = []
    original = ProjectScan.__init__

    def recording(self: ProjectScan, root: str, found: tuple[str, ...]) -> None:
        words.append(found)
        original(self, root, found)

    monkeypatch.setattr(project_scan.ProjectScan, "__init__", recording)
    stale = ProjectScan(str(shop), ("unrelated",))
    plan_rename_module(state, "customers", "clients", scan=stale)
    assert words == [("unrelated",), scan_words("customers")]
