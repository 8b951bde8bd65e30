"""The write-ahead journal: written first, removed last, never trusted blindly."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from codemods import WiringError
from pole_position.cli.errors import Refused
from pole_position.cli.services.project import journal
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.journal import JOURNAL
from tests.conftest import Runner, tree_digest
from tests.safety._support import run_forked, state
from tests.services._support import AppendLine

ROUTER = "src/shop_api/api/router.py"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "a.txt").write_bytes(b"one\r\n")
    (root / "pkg" / "b.py").write_text("x = 1\n")
    (root / "notes.txt").write_text("keep\n")
    return root


def _three_edits(root: Path) -> ChangeSet:
    changes = ChangeSet(root)
    changes.wire(
        [
            AppendLine("pkg/a.txt", "two\r\n"),
            AppendLine("pkg/b.py", "y = 2\n"),
            AppendLine("notes.txt", "more\n"),
        ]
    )
    changes.create("zzz/new.txt", "new\n")
    return changes


def test_pre_images_and_plan_are_on_disk_before_the_first_project_write(
    small: Path,
) -> None:
    originals = {p: (small / p).read_bytes() for p in ("pkg/a.txt", "notes.txt")}
    changes = _three_edits(small)
    real = changes.write_file
    seen: list[Path] = []

    def inspecting(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        if not seen:
            plan = json.loads((small / JOURNAL / "plan.json").read_text())
            images = (small / JOURNAL / "pre-images").read_bytes()
            saved = {
                e["path"]: images[e["offset"] : e["offset"] + e["size"]]
                for e in plan["files"]
                if e["offset"] is not None
            }
            assert {k: saved[k] for k in originals} == originals
            assert {e["path"] for e in plan["files"] if e["offset"] is None} == {
                "zzz/new.txt"
            }
            assert plan["dirs_created"] == ["zzz"]
        # Temp files live in the journal, where recovery removes them.
        assert temp == small / JOURNAL / "tmp"
        seen.append(target)
        real(target, data, mode, temp)

    changes.write_file = inspecting
    changes.commit()
    assert len(seen) == 4
    assert not (small / JOURNAL).exists()


def test_rollback_goes_on_past_a_file_it_cannot_restore_and_names_it(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree_digest(small)
    changes = _three_edits(small)
    real = changes.write_file

    def failing_last(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        if target.name == "new.txt":
            raise OSError(28, "No space left on device")
        real(target, data, mode, temp)

    def cannot_restore(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        if target.name == "b.py":
            raise PermissionError(13, "Permission denied")
        real(target, data, mode, temp)

    changes.write_file = failing_last
    monkeypatch.setattr(journal, "_restore_write", cannot_restore)
    with pytest.raises(Refused) as refused:
        changes.commit()
    message = refused.value.message
    assert "not restored: pkg/b.py (Permission denied)" in message
    assert "pkg/a.txt" not in message
    assert "notes.txt" not in message
    # Every other file is back; the journal stays for the next attempt.
    assert (small / "pkg" / "a.txt").read_bytes() == b"one\r\n"
    assert (small / "notes.txt").read_text() == "keep\n"
    assert (small / JOURNAL / "plan.json").exists()

    monkeypatch.setattr(journal, "_restore_write", real)
    journal.recover(small)
    assert tree_digest(small) == before
    assert not (small / JOURNAL).exists()


def test_a_journal_abandoned_before_its_plan_is_discarded(
    polepos: Runner, project: Path
) -> None:
    # Killed while writing pre-images: nothing in the project was written yet.
    (project / JOURNAL / "tmp").mkdir(parents=True)
    (project / JOURNAL / "pre-images").write_bytes(b"half a pre-im")
    (project / JOURNAL / "plan.json.partial").write_bytes(b'{"format": 1, "fil')
    before = tree_digest(project)
    result = polepos("add", "module", "orders")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("\n") == 1
    assert "interrupted before it changed any file" in result.stderr
    assert not (project / JOURNAL).exists()
    assert set(before) - set(tree_digest(project)) == {
        f"{JOURNAL}/pre-images",
        f"{JOURNAL}/plan.json.partial",
    }


@pytest.mark.parametrize(
    "plan",
    [
        b'{"format": 1, "files": [{"path": "src/shop',
        b"\xff\xfe not json",
        json.dumps(
            {
                "format": 1,
                "command": "polepos add module x",
                "files": [
                    {
                        "path": "../victim.txt",
                        "offset": None,
                        "size": 0,
                        "mode": None,
                        "sha256": None,
                    }
                ],
                "dirs_created": [],
                "dirs_removed": [],
            }
        ).encode(),
    ],
    ids=["truncated", "not-utf8", "path-outside-the-project"],
)
def test_a_damaged_plan_is_never_acted_on(
    polepos: Runner, project: Path, plan: bytes
) -> None:
    victim = project.parent / "victim.txt"
    victim.write_text("precious\n")
    (project / JOURNAL).mkdir()
    (project / JOURNAL / "plan.json").write_bytes(plan)
    before = tree_digest(project)
    for command in (("add", "module", "orders"), ("check", "--fix")):
        result = polepos(*command)
        assert result.exit_code == 1
        assert "plan.json is damaged" in result.stderr
        assert "Traceback" not in result.stderr
    check = polepos("check")
    assert "PP021" in check.stdout
    assert check.exit_code == 1
    assert tree_digest(project) == before
    assert victim.read_text() == "precious\n"


def test_a_running_commands_journal_is_left_alone(
    polepos: Runner, project: Path
) -> None:
    original = (project / ROUTER).read_bytes()
    changes = ChangeSet(project)
    changes.wire([AppendLine(ROUTER, "# another command's edit\n")])
    live = journal.Journal.begin(project, [ROUTER], [], [])
    (project / ROUTER).write_bytes(original + b"# another command's edit\n")
    descriptor = os.open(project, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # as the running command does
    try:
        before = tree_digest(project)
        check = polepos("check")
        assert "PP020" not in check.stdout
        add = polepos("add", "module", "orders")
        assert add.exit_code == 1
        assert "another polepos command is changing this project" in add.stderr
        assert tree_digest(project) == before
    finally:
        os.close(descriptor)
    live.roll_back()
    live.discard()
    assert (project / ROUTER).read_bytes() == original


def test_check_reports_an_interrupted_change_and_fix_rolls_it_back(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    log = journal.Journal.begin(project, [ROUTER, "src/shop_api/new.py"], [], [])
    (project / ROUTER).write_text("half\n")
    (project / "src/shop_api/new.py").write_text("x = 1\n")
    del log  # the process "died"
    check = polepos("check")
    assert check.exit_code == 1
    assert "PP020" in check.stdout
    assert "2 files" in check.stdout
    fixed = polepos("check", "--fix")
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert "fixed: rolled back the interrupted change" in fixed.stdout
    assert "rolled back an interrupted change" in fixed.stderr
    assert tree_digest(project) == before


def test_the_generated_gitignore_ignores_the_journal(project: Path) -> None:
    lines = (project / ".gitignore").read_text().splitlines()
    assert f"{JOURNAL}/" in lines


def test_an_error_names_its_path_once(polepos: Runner, project: Path) -> None:
    router = project / ROUTER
    router.write_text(router.read_text().replace("# polepos:router-includes", ""))
    result = polepos("add", "module", "orders")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {ROUTER}: marker")
    assert result.stderr.count(ROUTER) == 1, result.stderr


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (WiringError("a.py:3: bad", path="a.py", line=3), "a.py:3: bad"),
        (WiringError("a.py: bad", path="a.py"), "a.py: bad"),
        (WiringError("bad", path="a.py", line=3), "a.py:3: bad"),
        (WiringError("bad"), "b.py: bad"),
    ],
)
def test_wiring_errors_are_located_once(error: WiringError, shown: str) -> None:
    assert error.located("b.py") == shown


def test_a_crash_during_recovery_is_recovered_by_the_next_command(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    before = state(project)
    trace = tmp_path / "trace.txt"
    killed = {"POLEPOS_FAULT_TRACE": str(trace)}
    # Kill `add module` after its third project write...
    assert run_forked(project, ("add", "module", "orders"), killed) == 0
    labels = [line.split(" ", 1)[1] for line in trace.read_text().splitlines()]
    polepos("remove", "module", "orders")
    assert state(project) == before
    third = [i for i, x in enumerate(labels, 1) if x.startswith("replace")][2]
    stop = {"POLEPOS_FAULT_STEP": str(third)}
    assert run_forked(project, ("add", "module", "orders"), stop) == 99
    # ...then kill the recovery itself at its second rollback step.
    stop = {"POLEPOS_FAULT_STEP": "2"}
    assert run_forked(project, ("remove", "module", "ghost"), stop) == 99
    assert (project / JOURNAL / "plan.json").exists()
    result = polepos("check", "--fix")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert state(project) == before


def _plan(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / JOURNAL / "plan.json").read_text())
    return data


def test_a_pre_image_is_checked_with_crc32_and_a_damaged_one_is_not_restored(
    small: Path,
) -> None:
    # CRC-32: the SHA-256 of a 200-module lock cost 12 million instructions.
    log = journal.Journal.begin(small, ["pkg/a.txt", "notes.txt"], [], [])
    files = _plan(small)["files"]
    assert isinstance(files, list)
    assert [f["digest"] for f in files] == ["crc32:1dde0929", "crc32:a5ce2f53"]
    (small / "pkg" / "a.txt").write_bytes(b"half")
    (small / "notes.txt").write_bytes(b"half")
    images = small / JOURNAL / "pre-images"
    images.write_bytes(b"ONE" + images.read_bytes()[3:])  # a.txt's copy damaged
    failures = log.roll_back()
    assert len(failures) == 1
    assert "pkg/a.txt" in failures[0]
    assert (small / "pkg" / "a.txt").read_bytes() == b"half"
    assert (small / "notes.txt").read_bytes() == b"keep\n"


def test_a_format_1_journal_with_sha256_digests_still_rolls_back(small: Path) -> None:
    import hashlib

    journal.Journal.begin(small, ["pkg/a.txt"], [], [])
    plan = _plan(small)
    files = plan["files"]
    assert isinstance(files, list)
    for item in files:
        item["sha256"] = hashlib.sha256(b"one\r\n").hexdigest()
        del item["digest"]
    plan["format"] = 1
    (small / JOURNAL / "plan.json").write_text(json.dumps(plan))
    (small / "pkg" / "a.txt").write_bytes(b"half")
    loaded = journal.load(small)
    assert loaded is not None
    assert loaded.roll_back() == []
    assert (small / "pkg" / "a.txt").read_bytes() == b"one\r\n"
