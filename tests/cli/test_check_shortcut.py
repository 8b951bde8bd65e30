"""`polepos check` answered without Typer prints and exits exactly as Typer's path.

The entry point runs `check` with only `--fix`, `--json` and `--no-cache` itself
(`pole_position.cli.main`); every other command line goes through the Typer
application. Each test runs one command line both ways, from the same project
state, and compares exit code, stdout and stderr (and for `--fix`, the tree).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pole_position.cli.main as entry
from pole_position.cli.commands.check_run import shortcut_flags
from tests.checks._support import ROUTER, generate
from tests.cli._stops import STOPS, raising
from tests.conftest import Runner, tree_digest

Outcome = tuple[int | str, str, str]


def _both_ways(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    cwd: Path,
) -> tuple[Outcome, Outcome]:
    """(shortcut, Typer) outcomes of `polepos ARGS` in `cwd`."""
    monkeypatch.chdir(cwd)
    outcomes = []
    for shortcuts in (True, False):
        capsys.readouterr()
        with monkeypatch.context() as patch:
            if shortcuts:  # prove the shortcut answered: Typer's path would fail
                patch.setattr(entry, "_run_application", _not_typer)
            try:
                code: int | str = entry.main(list(args), shortcuts=shortcuts)
            except SystemExit as exc:
                code = f"SystemExit({exc.code})"
        captured = capsys.readouterr()
        outcomes.append((code, captured.out, captured.err))
    return outcomes[0], outcomes[1]


def _not_typer(argv: list[str] | None, *, completing: bool) -> int:
    raise AssertionError(f"Typer's path ran for {argv}")


FLAG_LINES = [
    ["check"],
    ["check", "--json"],
    ["check", "--no-cache"],
    ["check", "--no-cache", "--json"],
    ["check", "--json", "--no-cache", "--json"],  # a repeated flag, as click allows
]


@pytest.fixture
def project(polepos: Runner, tmp_path: Path) -> Path:
    """A fresh project with a crud module."""
    return generate(polepos, tmp_path, modules=("orders:crud",))


@pytest.mark.parametrize("args", FLAG_LINES)
def test_a_passing_project(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    args: list[str],
) -> None:
    shortcut, typer_path = _both_ways(capsys, monkeypatch, args, project)
    assert shortcut == typer_path
    assert shortcut[0] == 0


def _break_router(root: Path) -> None:
    router = root / ROUTER
    text = router.read_text("utf-8")
    router.write_text(
        "\n".join(line for line in text.splitlines() if "orders" not in line) + "\n",
        "utf-8",
    )


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("args", FLAG_LINES)
def test_a_failing_project(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    args: list[str],
    colour: bool,
) -> None:
    _break_router(project)
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    shortcut, typer_path = _both_ways(capsys, monkeypatch, args, project)
    assert shortcut == typer_path
    assert shortcut[0] == 1
    assert shortcut[1]  # the report names what is wrong


@pytest.mark.parametrize("args", [["check"], ["check", "--json"], ["check", "--fix"]])
def test_outside_a_project(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    shortcut, typer_path = _both_ways(capsys, monkeypatch, args, tmp_path)
    assert shortcut == typer_path
    assert shortcut[0] == 1


@pytest.mark.parametrize("args", [["check", "--fix"], ["check", "--json", "--fix"]])
def test_fix_repairs_the_same_way(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    tmp_path: Path,
    args: list[str],
) -> None:
    _break_router(project)
    twin = tmp_path / "twin" / project.name
    shutil.copytree(project, twin)
    monkeypatch.chdir(project)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        patch.setattr(entry, "_run_application", _not_typer)
        shortcut = (entry.main(list(args)), *capsys.readouterr())
    monkeypatch.chdir(twin)
    typer_path = (entry.main(list(args), shortcuts=False), *capsys.readouterr())
    # The reports name each project's own root; the rest must match.
    assert shortcut == tuple(
        part.replace(str(twin), str(project)) if isinstance(part, str) else part
        for part in typer_path
    )
    assert shortcut[0] == 0
    assert tree_digest(project) == tree_digest(twin)


@pytest.mark.parametrize(
    "error",
    STOPS,
    ids=repr,
)
def test_every_way_a_check_can_stop(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    error: BaseException,
) -> None:
    from pole_position.cli.services import check

    monkeypatch.setattr(check, "check_project", raising(error))
    shortcut, typer_path = _both_ways(capsys, monkeypatch, ["check"], project)
    assert shortcut == typer_path


PIPE_PROBE = """\
import sys
import pole_position.cli.main as entry
from pole_position.cli.services import check


def closed(*args, **kwargs):
    raise BrokenPipeError(32, "Broken pipe")


check.check_project = closed
if sys.argv[1] == "typer":
    main = entry.main
    entry.main = lambda: main(shortcuts=False)
sys.argv[1:] = ["check"]
entry.run()
"""


def test_a_pipe_closed_inside_the_command(project: Path) -> None:
    outcomes = []
    for way in ("shortcut", "typer"):
        completed = subprocess.run(
            [sys.executable, "-c", PIPE_PROBE, way],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        outcomes.append((completed.returncode, completed.stdout, completed.stderr))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0] == (1, "", "")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"],
        ["check", "-h"],
        ["check", "--format", "json"],
        ["check", "--format=sarif"],
        ["check", "--fix", "--diff"],
        ["check", "--trace"],
        ["check", "--bogus"],
        ["check", "extra"],
        ["check", "--json=1"],
        ["check", "--"],
        ["check", "--no-cach"],  # click would not expand an abbreviation either
    ],
)
def test_anything_else_goes_through_typer(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    project: Path,
    args: list[str],
) -> None:
    assert shortcut_flags(args) is None
    monkeypatch.chdir(project)
    ran: list[list[str] | None] = []
    typer_path = entry._run_application

    def spy(argv: list[str] | None, *, completing: bool) -> int:
        ran.append(argv)
        return typer_path(argv, completing=completing)

    monkeypatch.setattr(entry, "_run_application", spy)
    entry.main(list(args))
    assert ran == [args]


def test_the_shortcut_flags_are_the_commands_own() -> None:
    # A flag renamed or removed in the Typer command must leave the shortcut too.
    from typer.main import get_command

    from pole_position.cli.app import app
    from pole_position.cli.commands.check_run import SHORTCUT_FLAGS

    group = get_command(app)
    command = group.commands["check"]  # type: ignore[attr-defined]
    flags = {
        opt
        for param in command.params
        if getattr(param, "is_flag", False)
        for opt in param.opts
    }
    assert flags >= SHORTCUT_FLAGS
