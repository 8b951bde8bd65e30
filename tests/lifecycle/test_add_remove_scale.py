"""Scale: what `add module` and `remove module` do outside the Python wiring is flat.

Time is measured by `bench/cli.py`; here the work is counted. Whatever the
number of modules, one add or remove parses no manifest with tomlkit (the
manifest is read and edited on its lines), reads the lock once, and leaves
the fsyncs of what it wrote until every file is written (one fsync per write
waits for the disk on its own; back to back after the writes they are cheap).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from codemods import lockfile
from pole_position.cli.services.project.journal import JOURNAL
from pole_position.cli.services.project.text_faces import VERIFY as VERIFY_TEXT_FACES
from tests.conftest import Runner, tree_digest
from tests.lifecycle._support import scaled_project


class Events:
    """What one command did, in order: parses, lock reads, renames and fsyncs."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def count(self, name: str) -> int:
        """How many events of one kind."""
        return self.log.count(name)


@contextmanager
def recording() -> Iterator[Events]:
    events = Events()
    with pytest.MonkeyPatch.context() as patch:

        def wrap(owner: Any, name: str, label: str) -> None:
            original = getattr(owner, name)

            def counted(*args: Any, **kwargs: Any) -> Any:
                events.log.append(label)
                return original(*args, **kwargs)

            patch.setattr(owner, name, counted)

        replace = os.replace

        def replaced(source: Any, target: Any) -> None:
            inside = JOURNAL in Path(target).parts
            events.log.append("journal replace" if inside else "replace")
            replace(source, target)

        wrap(tomlkit, "parse", "tomlkit.parse")
        wrap(lockfile, "_read_lock", "lock read")
        wrap(os, "fsync", "fsync")
        wrap(os, "fdatasync", "fsync")
        patch.setattr(os, "replace", replaced)
        patch.setattr(lockfile, "_last_read", None)  # no read left by a former test
        patch.delenv("POLEPOS_FAULT_NO_FSYNC", raising=False)
        # The suite's text-face verification re-runs every edit on parsed documents.
        patch.delenv(VERIFY_TEXT_FACES, raising=False)
        yield events


def _add_and_remove(polepos: Runner, root: Path) -> tuple[Events, Events]:
    before = tree_digest(root)
    with recording() as added:
        result = polepos(
            "add", "module", "extra", "--template", "crud", "--no-install", cwd=root
        )
    assert result.exit_code == 0, result.output
    with recording() as removed:
        result = polepos("remove", "module", "extra", "--no-install", cwd=root)
    assert result.exit_code == 0, result.output
    assert tree_digest(root) == before  # the exact inverse, on the line faces too
    return added, removed


def test_add_and_remove_work_outside_python_wiring_is_flat(
    polepos: Runner, tmp_path: Path
) -> None:
    small = scaled_project(polepos, tmp_path / "small", 1)
    large = scaled_project(polepos, tmp_path / "large", 60)
    small_add, small_remove = _add_and_remove(polepos, small)
    large_add, large_remove = _add_and_remove(polepos, large)
    for events in (small_add, small_remove, large_add, large_remove):
        assert events.count("tomlkit.parse") == 0
        assert events.count("lock read") == 1
        # After the journal's commit, the project's files are all renamed into
        # place first (the journal rolls back a crash); their fsyncs follow.
        log = events.log
        first = log.index("replace", log.index("journal replace"))
        last = max(i for i, event in enumerate(log) if event == "replace")
        assert "fsync" not in log[first:last], " ".join(log)
        assert "fsync" in log[last:]
    # The same fsyncs at 1 and at 60 modules: none is per module in the project.
    assert small_add.count("fsync") == large_add.count("fsync")
    assert small_remove.count("fsync") == large_remove.count("fsync")
