"""Scale: `add module` and `remove module` parse each Python wiring file at most once.

Time is measured by `bench/cli.py`; here the parses are counted. The router,
model and export files grow a line or two per module; their text faces read one
`ast` parse of each, and the outline of every result is derived from it
(`codemods.python_text.splice_outline`, `splice_suite`, `splice_statement`), so
the change set's syntax check parses none of them again.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import libcst
import pytest

from codemods import python_text
from pole_position.cli.services.project.text_faces import VERIFY
from tests.conftest import Runner, tree_digest
from tests.lifecycle._support import scaled_project

WIRING = {
    "# polepos:router-includes": "router",
    "# polepos:model-imports": "models",
    "# polepos:module-exports": "exports",
}


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Parses of each wiring file (by its marker), in a process with no cache."""
    parses: Counter[str] = Counter()
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in ((ast, "parse"), (libcst, "parse_module")):
            original = getattr(owner, name)

            def counted(
                source: Any, *args: Any, _run: Any = original, **kw: Any
            ) -> Any:
                text = source if isinstance(source, str) else ""
                parses.update(file for marker, file in WIRING.items() if marker in text)
                return _run(source, *args, **kw)

            patch.setattr(owner, name, counted)
        # Verification parses every result again on purpose; users never run it.
        patch.delenv(VERIFY, raising=False)
        python_text.clear_caches()  # each command is a fresh process
        yield parses


@pytest.mark.parametrize("modules", [1, 200])
def test_add_and_remove_parse_each_wiring_file_once(
    polepos: Runner, tmp_path: Path, modules: int
) -> None:
    root = scaled_project(polepos, tmp_path / "project", modules)
    before = tree_digest(root)
    with counting() as added:
        result = polepos(
            "add", "module", "extra", "--template", "crud", "--no-install", cwd=root
        )
    assert result.exit_code == 0, result.output
    with counting() as removed:
        result = polepos("remove", "module", "extra", "--no-install", cwd=root)
    assert result.exit_code == 0, result.output
    assert tree_digest(root) == before
    for parses in (added, removed):
        assert parses == {"router": 1, "models": 1, "exports": 1}
