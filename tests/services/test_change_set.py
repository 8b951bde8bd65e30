"""The change set: one parse per file, all-or-nothing writes, trace and diff."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.change_set import ChangeSet, project_lock
from tests.conftest import tree_digest
from tests.services._support import AppendLine, CountingFormat


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.txt").write_bytes(b"one\r\n")
    (root / "pkg" / "b.py").write_text("x = 1\n")
    (root / "notes.txt").write_text("keep\n")
    return root


def test_operations_on_one_file_share_one_parse(project: Path) -> None:
    CountingFormat.parses = 0
    changes = ChangeSet(project)
    changes.wire(
        [AppendLine("pkg/a.txt", "two\r\n"), AppendLine("pkg/a.txt", "three\r\n")]
    )
    changes.commit()
    assert CountingFormat.parses == 1
    assert (project / "pkg" / "a.txt").read_bytes() == b"one\r\ntwo\r\nthree\r\n"


def test_unwire_inverts_in_reverse_order_back_to_the_original(project: Path) -> None:
    before = tree_digest(project)
    ops = [AppendLine("pkg/a.txt", "two\r\n"), AppendLine("notes.txt", "more\n")]
    adding = ChangeSet(project)
    adding.wire(ops)
    adding.commit()
    removing = ChangeSet(project)
    removing.unwire(ops)
    removing.commit()
    assert tree_digest(project) == before


def test_trace_and_diff_write_nothing(project: Path) -> None:
    before = tree_digest(project)
    changes = ChangeSet(project)
    changes.create("pkg/new.py", "y = 2\n")
    changes.delete("notes.txt")
    changes.wire([AppendLine("pkg/a.txt", "two\r\n")])
    assert changes.trace() == [
        "delete notes.txt",
        "edit   pkg/a.txt",
        "create pkg/new.py",
    ]
    diff = changes.diff()
    assert "--- /dev/null\n+++ b/pkg/new.py\n" in diff
    assert "--- a/notes.txt\n+++ /dev/null\n" in diff
    assert "+two\r\n" in diff
    assert tree_digest(project) == before


def test_a_failing_write_rolls_back_everything(project: Path) -> None:
    before = tree_digest(project)
    changes = ChangeSet(project)
    changes.create("pkg/new.py", "y = 2\n")
    changes.create("zzz/late.py", "z = 3\n")
    changes.delete("notes.txt")
    changes.wire([AppendLine("pkg/a.txt", "two\r\n")])
    real = changes.write_file
    calls: list[Path] = []

    def flaky(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        calls.append(target)
        if target.name == "late.py":
            raise OSError("disk full")
        real(target, data, mode, temp)

    changes.write_file = flaky
    with pytest.raises(OSError, match="disk full"):
        changes.commit()
    assert len(calls) == 3
    assert tree_digest(project) == before
    assert not (project / "zzz").exists()


def test_a_new_root_is_removed_when_creation_fails(tmp_path: Path) -> None:
    changes = ChangeSet(tmp_path / "fresh")
    changes.create("a.py", "a = 1\n")
    changes.create("b.py", "b = 1\n")

    def failing(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        if target.name == "b.py":
            raise OSError("boom")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    changes.write_file = failing
    with pytest.raises(OSError, match="boom"):
        changes.commit()
    assert not (tmp_path / "fresh").exists()


def test_python_results_must_parse(project: Path) -> None:
    changes = ChangeSet(project)
    changes.wire([AppendLine("pkg/b.py", "def broken(:\n")])
    with pytest.raises(Refused, match="would not parse"):
        changes.commit()
    assert (project / "pkg" / "b.py").read_text() == "x = 1\n"


def test_new_python_files_must_parse(project: Path) -> None:
    changes = ChangeSet(project)
    changes.create("pkg/fresh.py", "class Broken(:\n")
    with pytest.raises(Refused, match="would not parse"):
        changes.commit()
    assert not (project / "pkg" / "fresh.py").exists()


def test_non_utf8_files_are_refused_cleanly(project: Path) -> None:
    (project / "pkg" / "a.txt").write_bytes(b"caf\xe9\n")
    changes = ChangeSet(project)
    changes.wire([AppendLine("pkg/a.txt", "two\n")])
    with pytest.raises(Refused, match="not valid UTF-8"):
        changes.commit()
    assert (project / "pkg" / "a.txt").read_bytes() == b"caf\xe9\n"


def test_delete_tree_removes_the_folder_and_its_caches(project: Path) -> None:
    cache = project / "pkg" / "__pycache__"
    cache.mkdir()
    (cache / "b.cpython-311.pyc").write_bytes(b"\x00\x01")
    changes = ChangeSet(project)
    changes.delete_tree("pkg")
    assert changes.trace() == ["delete pkg/a.txt", "delete pkg/b.py"]
    changes.commit()
    assert not (project / "pkg").exists()
    assert (project / "notes.txt").exists()


def test_a_second_writer_is_refused_while_the_lock_is_held(project: Path) -> None:
    descriptor = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        changes = ChangeSet(project)
        changes.create("x.py", "x = 1\n")
        with pytest.raises(Refused, match="another polepos command"):
            changes.commit()
        assert not (project / "x.py").exists()
    finally:
        os.close(descriptor)
    with project_lock(project):
        pass


def test_file_modes_survive_an_edit(project: Path) -> None:
    target = project / "notes.txt"
    os.chmod(target, 0o755)
    changes = ChangeSet(project)
    changes.wire([AppendLine("notes.txt", "more\n")])
    changes.commit()
    assert target.stat().st_mode & 0o777 == 0o755


def test_a_planner_read_and_the_edits_share_one_parse(project: Path) -> None:
    CountingFormat.parses = 0
    changes = ChangeSet(project)
    operation = AppendLine("pkg/a.txt", "two\r\n")
    seen = changes.document("pkg/a.txt", operation.format)
    assert seen == ["one\r\n"]
    changes.wire([operation])
    changes.commit()
    assert CountingFormat.parses == 1
    assert (project / "pkg" / "a.txt").read_bytes() == b"one\r\ntwo\r\n"


def test_a_step_planned_after_reading_changes_reruns_only_its_file(
    project: Path,
) -> None:
    """`add field` reads `changes()` to rehash, then plans the lock's edit."""
    CountingFormat.parses = 0
    changes = ChangeSet(project)
    changes.wire([AppendLine("pkg/a.txt", "two\r\n")])
    assert [change.path for change in changes.changes()] == ["pkg/a.txt"]
    assert CountingFormat.parses == 1
    changes.wire([AppendLine("notes.txt", "more\n")])
    assert [c.path for c in changes.changes()] == ["notes.txt", "pkg/a.txt"]
    assert CountingFormat.parses == 2  # notes.txt only
    changes.wire([AppendLine("pkg/a.txt", "three\r\n")])
    changes.commit()
    assert CountingFormat.parses == 3  # a.txt again, with its new step
    assert (project / "pkg" / "a.txt").read_bytes() == b"one\r\ntwo\r\nthree\r\n"
    assert (project / "notes.txt").read_text() == "keep\nmore\n"


def test_a_file_changed_after_planning_refuses_the_whole_commit(project: Path) -> None:
    changes = ChangeSet(project)
    changes.create("pkg/new.py", "y = 2\n")
    changes.wire([AppendLine("notes.txt", "more\n")])
    changes.changes()  # planned against the current contents
    (project / "notes.txt").write_text("someone else wrote this\n")
    with pytest.raises(Refused, match="changed while this command was planning"):
        changes.commit()
    assert not (project / "pkg" / "new.py").exists()
    assert (project / "notes.txt").read_text() == "someone else wrote this\n"
