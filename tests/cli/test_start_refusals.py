"""`polepos start` refuses bad input and existing folders without writing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest


@pytest.mark.parametrize(
    "args",
    [
        ("fastapi",),
        ("tests",),
        ("a b",),
        ("1app",),
        ("class",),
        ("x", "--db", "mysql"),
        ("",),
        ("../escape",),
    ],
)
def test_invalid_input_exits_2_with_one_line_and_creates_nothing(
    polepos: Runner, tmp_path: Path, args: tuple[str, ...]
) -> None:
    result = polepos("start", *args, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_existing_folder_is_refused_with_exit_1(
    polepos: Runner, tmp_path: Path
) -> None:
    existing = tmp_path / "x"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine\n")
    before = tree_digest(tmp_path)
    result = polepos("start", "x", cwd=tmp_path)
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree_digest(tmp_path) == before
