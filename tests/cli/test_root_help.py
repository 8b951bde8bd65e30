"""`polepos --help` printed from kept text equals what Typer renders.

The entry point prints `commands/root_help.TEXT` for `--help`, `-h` and `help`
on a terminal of 80 columns or more (and to a pipe), without importing Typer.
These tests prove the text is Typer's own output at every such width, that a
narrower terminal still goes through Typer, and that the width is read as
`shutil.get_terminal_size` reads it.
"""

from __future__ import annotations

import shutil

import pytest

import pole_position.cli.main as entry
from pole_position.cli.commands import root_help

HELP_LINES = [["--help"], ["-h"], ["help"]]


def _not_typer(argv: list[str] | None, *, completing: bool) -> int:
    raise AssertionError(f"Typer's path ran for {argv}")


def _run(
    capsys: pytest.CaptureFixture[str], args: list[str], *, shortcuts: bool
) -> tuple[int, str, str]:
    capsys.readouterr()
    code = entry.main(list(args), shortcuts=shortcuts)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_kept_text_is_typers_rendering() -> None:
    assert root_help.live_text() == root_help.TEXT + "\n"


@pytest.mark.parametrize("columns", ["80", "81", "120", "400"])
@pytest.mark.parametrize("args", HELP_LINES)
def test_wide_terminals_get_the_kept_text_without_typer(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    columns: str,
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    through_typer = _run(capsys, args, shortcuts=False)
    monkeypatch.setattr(entry, "_run_application", _not_typer)
    assert _run(capsys, args, shortcuts=True) == through_typer
    assert through_typer[0] == 0
    assert through_typer[1] == root_help.TEXT + "\n"


@pytest.mark.parametrize("columns", ["50", "60", "79"])
def test_narrow_terminals_go_through_typer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert root_help.wide_text() is None
    assert _run(capsys, ["--help"], shortcuts=True) == _run(
        capsys, ["--help"], shortcuts=False
    )
    code, out, _ = _run(capsys, ["--help"], shortcuts=True)
    assert code == 0
    if columns != "79":  # at 79 no line happens to wrap differently
        assert out != root_help.TEXT + "\n"  # wrapped narrower, by Typer


@pytest.mark.parametrize("value", [None, "", "abc", "0", "-3", "79", "80", "132"])
def test_columns_are_read_as_shutil_reads_them(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", value)
    assert root_help.terminal_columns() == shutil.get_terminal_size().columns


def test_other_help_lines_are_left_to_typer() -> None:
    for args in (["--help", "-h"], ["help", "add"], ["add", "--help"], []):
        assert args not in entry._ROOT_HELP_ARGS
