"""Scale: what one `add module` or `remove module` does with the lock is flat.

The lock records every owner's files (200 modules: about 2,000 lines, 224 kB),
and a one-module change edits one owner's block. Time is measured by
`bench/cli.py`; here the work is counted: the whole lock is read once by the
canonical reader (one match, then list operations per owner; each distinct set
of notes is read once), never by the line or TOML readers, and the edit renders
the changed owner's block alone, whether the project has 1 or 200 modules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from codemods import lockfile
from pole_position.cli.services.project.text_faces import VERIFY as VERIFY_TEXT_FACES
from tests.conftest import Runner, tree_digest
from tests.lifecycle._support import scaled_project

COUNTED = {
    "_read_lock": "lock reads",
    "_read_general": "general reads",
    "_rendered_notes": "notes read",
    "_render_owner": "owner blocks rendered",
}


@contextmanager
def counting() -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    with pytest.MonkeyPatch.context() as patch:
        for name, label in COUNTED.items():
            original = getattr(lockfile, name)

            def counted(*args: Any, _f: Any = original, _l: str = label) -> Any:
                calls[_l] += 1
                return _f(*args)

            patch.setattr(lockfile, name, counted)
        patch.setattr(lockfile, "_last_read", None)  # no read left by a former test
        # The suite's text-face verification re-renders every edit in full.
        patch.delenv(VERIFY_TEXT_FACES, raising=False)
        yield calls


def _add_and_remove(polepos: Runner, root: Path) -> tuple[Counter[str], ...]:
    before = tree_digest(root)
    with counting() as added:
        result = polepos(
            "add", "module", "extra", "--template", "crud", "--no-install", cwd=root
        )
    assert result.exit_code == 0, result.stderr
    with counting() as removed:
        result = polepos("remove", "module", "extra", "--no-install", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert tree_digest(root) == before  # the splices are exact inverses
    return added, removed


def test_one_module_change_reads_the_lock_once_and_renders_one_owner(
    polepos: Runner, tmp_path: Path
) -> None:
    small = _add_and_remove(polepos, scaled_project(polepos, tmp_path / "small", 1))
    large_root = scaled_project(polepos, tmp_path / "large", 200)
    assert len((large_root / lockfile.LOCK_PATH).read_text().splitlines()) > 2000
    large = _add_and_remove(polepos, large_root)
    for added, removed in (small, large):
        # Notes: the project's, the starter's, the modules' and the new module's
        # (read back from its block), once each.
        assert added == {
            "lock reads": 1,
            "notes read": 4,
            "owner blocks rendered": 1,  # the new module's, nothing else
        }
        assert removed == {"lock reads": 1, "notes read": 4}
    assert small == large
