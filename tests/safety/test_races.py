"""Two writers: plan, verify and write under one lock against one snapshot."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.lock import command_scope
from pole_position.cli.services.project.state import load_state
from tests.conftest import Runner
from tests.services._support import AppendLine

BUSY = "another polepos command is changing this project right now"


def _lock_is_free(root: Path) -> bool:
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


def test_a_write_between_parsing_and_rendering_is_detected(tmp_path: Path) -> None:
    # The lost update: the new content came from a parse, the old one from a
    # later read; the guard compared the later read with itself.
    (tmp_path / "router.py").write_text("a = 1\n")
    changes = ChangeSet(tmp_path)
    operation = AppendLine("router.py", "b = 2\n")
    changes.document("router.py", operation.format)  # the planner's parse
    changes.wire([operation])
    (tmp_path / "router.py").write_text("a = 1\nc = 3\n")  # another command
    with pytest.raises(Refused, match="changed while this command was planning"):
        changes.commit()
    assert (tmp_path / "router.py").read_text() == "a = 1\nc = 3\n"


def test_a_file_read_for_planning_but_not_written_is_verified_too(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "b.py").write_text("b = 1\n")
    changes = ChangeSet(tmp_path)
    changes.document("b.py", AppendLine.format)  # read, then left alone
    changes.wire([AppendLine("a.py", "x = 2\n")])
    changes.changes()
    (tmp_path / "b.py").write_text("b = 2\n")
    with pytest.raises(Refused, match=r"b\.py changed while"):
        changes.commit()
    assert (tmp_path / "a.py").read_text() == "a = 1\n"


def test_a_command_holds_the_lock_from_loading_the_project_to_its_end(
    project: Path,
) -> None:
    with command_scope(["add", "module", "orders"]):
        load_state(locate_project(project))
        assert not _lock_is_free(project)
    assert _lock_is_free(project)


def _add(root: Path, name: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pole_position", "add", "module", name],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_adds_never_lose_a_module(polepos: Runner, project: Path) -> None:
    added: set[str] = set()
    refused = 0
    for round_ in range(10):
        names = (f"alpha{round_}", f"bravo{round_}")
        processes = [_add(project, name) for name in names]
        for name, process in zip(names, processes, strict=True):
            _, err = process.communicate()
            if process.returncode == 0:
                added.add(name)
            else:
                assert process.returncode == 1, err
                assert BUSY in err, err
                assert err.count("\n") == 1
                refused += 1
        check = polepos("check", "--json", cwd=project)
        assert check.exit_code == 0, check.stdout
        manifest = (project / ".poleposition.toml").read_text()
        for round_name in names:
            recorded = f'{round_name} = "standard"' in manifest
            exists = (project / f"src/shop_api/modules/{round_name}").exists()
            assert recorded is exists is (round_name in added)
    assert added, "no add ever succeeded"
    router = (project / "src/shop_api/api/router.py").read_text()
    assert all(f"{name}_router" in router for name in added)
    print(f"\n{len(added)} added, {refused} refused as busy")
