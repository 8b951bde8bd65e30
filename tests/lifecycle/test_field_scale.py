"""Scale: `add field` and `remove field` read and edit the manifest on its lines.

`[fields]` sits in the manifest beside `[modules]`, which holds a line per
module; a tomlkit parse of a 200-module manifest cost more than the rest of
the manifest's part of `add field`, three times over (the recorded specs, the
edit's document, the created table). Time is measured by `bench/cli.py`; here
the work is counted: creating `[fields]`, changing a module's value in place
and dropping the table with its last entry parse no manifest with tomlkit, at
1 module as at 200, and the lock is read once per command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from codemods import lockfile
from codemods.manifest import MANIFEST_PATH
from pole_position.cli.services.project.text_faces import VERIFY as VERIFY_TEXT_FACES
from tests.conftest import Runner, tree_digest
from tests.lifecycle._support import scaled_project

# add: [fields] created, then m000's value changed; remove: changed back, dropped.
STEPS = (
    ("add", "field", "m000", "email:str:unique"),
    ("add", "field", "m000", "visits:int:optional"),
    ("remove", "field", "m000", "visits"),
    ("remove", "field", "m000", "email"),
)


@contextmanager
def counting() -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    with pytest.MonkeyPatch.context() as patch:
        for owner, name, label in (
            (tomlkit, "parse", "tomlkit parses"),
            (lockfile, "_read_lock", "lock reads"),
        ):
            original = getattr(owner, name)

            def counted(*args: Any, _f: Any = original, _l: str = label) -> Any:
                calls[_l] += 1
                return _f(*args)

            patch.setattr(owner, name, counted)
        patch.setattr(lockfile, "_last_read", None)  # no read left by a former test
        # The suite's text-face verification re-runs every edit with tomlkit.
        patch.delenv(VERIFY_TEXT_FACES, raising=False)
        yield calls


def _run_steps(polepos: Runner, root: Path) -> list[Counter[str]]:
    before = tree_digest(root)
    manifests = []
    counts = []
    for step in STEPS:
        with counting() as calls:
            result = polepos(*step, cwd=root)
        assert result.exit_code == 0, result.stderr
        counts.append(calls)
        manifests.append((root / MANIFEST_PATH).read_text())
    assert "[fields]" in manifests[0]
    assert 'm000 = "email:str:unique visits:int:optional"' in manifests[1]
    assert manifests[2] == manifests[0]  # changed back in place
    assert tree_digest(root) == before  # remove(add): the table went with its entry
    return counts


def test_field_commands_parse_no_manifest_at_1_and_200_modules(
    polepos: Runner, tmp_path: Path
) -> None:
    small = _run_steps(polepos, scaled_project(polepos, tmp_path / "small", 1))
    large_root = scaled_project(polepos, tmp_path / "large", 200)
    assert len((large_root / MANIFEST_PATH).read_text().splitlines()) > 200
    large = _run_steps(polepos, large_root)
    for calls in (*small, *large):
        assert calls == {"lock reads": 1}, calls
    assert small == large
