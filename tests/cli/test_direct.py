"""Lines the entry point reads without Typer (cli/direct.py) run as through it.

The entry point reads a well-formed `add|remove|rename module` or
`add|remove field` line itself and calls the command's Typer-free body; every
other line goes through the Typer application. Each equivalence test runs one
command line both ways, each from a fresh copy of the same project at the same
path, and compares the exit code, stdout, stderr and the resulting tree. The
table itself is derived from the live Typer commands, so an option added,
renamed or given a default there fails here until the table follows.
"""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import pole_position.cli.main as entry
from pole_position.cli.commands import COMPLETE_VAR
from pole_position.cli.direct import ALL, COMMANDS, ONE, Command, parse, runner
from tests.checks._support import edit
from tests.cli._stops import STOPS, raising
from tests.conftest import tree_digest

Outcome = tuple[int | str, str, str, dict[str, str]]
Prepare = Callable[[Path], None]


def _untouched(root: Path) -> None:
    """Run on the pristine copy as it is."""


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`start shop`, a crud `orders` with a field `sku`, a standard `notes`; once."""
    import contextlib
    import io
    import os

    base = tmp_path_factory.mktemp("pristine")
    here = Path.cwd()
    steps = (
        (base, ["start", "shop"]),
        (base / "shop", ["add", "module", "orders", "--template", "crud"]),
        (base / "shop", ["add", "module", "notes", "--no-install"]),
        (base / "shop", ["add", "field", "orders", "sku:str"]),
    )
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            for cwd, args in steps:
                os.chdir(cwd)
                assert entry.main(args, shortcuts=False) == 0, args
        finally:
            os.chdir(here)
    return base / "shop"


def _not_typer(argv: list[str] | None, *, completing: bool) -> int:
    raise AssertionError(f"Typer's path ran for {argv}")


def _run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    root: Path,
    *,
    shortcuts: bool,
) -> Outcome:
    """`polepos ARGS` in `root`, one way; its exit code, streams and tree."""
    monkeypatch.chdir(root)
    capsys.readouterr()
    with monkeypatch.context() as patch:
        if shortcuts:  # prove the direct path answered: Typer's would fail
            patch.setattr(entry, "_run_application", _not_typer)
        try:
            code: int | str = entry.main(list(args), shortcuts=shortcuts)
        except SystemExit as exc:
            code = f"SystemExit({exc.code})"
    captured = capsys.readouterr()
    return code, captured.out, captured.err, tree_digest(root)


def _both_ways(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    pristine: Path,
    tmp_path: Path,
    prepare: Prepare = _untouched,
) -> tuple[Outcome, Outcome]:
    """(direct, Typer) outcomes, each from a fresh copy of `pristine` at one path."""
    root = tmp_path / pristine.name
    outcomes = []
    for shortcuts in (True, False):
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(pristine, root, symlinks=True)
        prepare(root)
        outcomes.append(_run(capsys, monkeypatch, args, root, shortcuts=shortcuts))
    return outcomes[0], outcomes[1]


ADD_LINES = [
    ["add", "module", "customers"],
    ["add", "module", "customers", "--template", "crud"],
    ["add", "module", "customers", "-t", "crud", "--no-install"],
    [
        "add",
        "module",
        "customers",
        "--template=crud",
        "--pagination",
        "--timestamps",
        "--soft-delete",
        "--tenant-scoped",
        "--auth-required",
    ],
    ["add", "module", "assistant", "--template", "ai-prompt"],
    ["add", "module", "assistant", "--template", "ai-prompt", "--no-install"],
    ["add", "module", "health", "--api-only", "--trace"],
    ["add", "module", "worker", "--service-only", "--diff"],
    ["add", "module", "customers", "--template", "crud", "--trace", "--diff"],
    ["add", "module", "customers", "-q"],
    ["add", "module", "--quiet", "Garage-Two"],
    ["add", "module", "invoices", "payments", "refunds", "--template", "crud"],
    ["add", "module", "invoices", "--template", "crud", "payments"],  # interspersed
    ["add", "module", "customers", "--trace", "--trace"],  # click allows a repeat
    ["add", "module", "customers", "--template="],  # empty: the default template
]
ADD_REFUSALS = [
    ["add", "module", "orders"],  # exists
    ["add", "module", "customers", "--template", "nope"],
    ["add", "module", "customers", "--api-only", "--template", "crud"],
    ["add", "module", "customers", "--api-only", "--service-only"],
    ["add", "module", "customers", "--pagination"],  # a crud option, standard module
    ["add", "module", "customers", "customers"],
    ["add", "module", ""],
    ["add", "module", "class"],
    ["add", "module", "x" * 65],
    ["add", "module", "status"],  # the starter module
]
REMOVE_LINES = [
    ["remove", "module", "orders"],
    ["remove", "module", "orders", "notes", "-q"],
    ["remove", "module", "orders", "--wiring-only"],
    ["remove", "module", "orders", "--trace"],
    ["remove", "module", "orders", "--diff", "--no-install"],
    ["remove", "module", "--quiet", "Notes"],
    ["remove", "module", "orders", "--force"],
]
RENAME_AND_FIELD_LINES = [
    ["rename", "module", "orders", "clients"],
    ["rename", "module", "orders", "clients", "--rename-table"],
    ["rename", "module", "--trace", "orders", "clients"],
    ["rename", "module", "notes", "memos", "--diff", "-q"],
    ["add", "field", "orders", "email:str:unique"],
    ["add", "field", "orders", "phone:str:optional", "visits:int:index", "--diff"],
    ["add", "field", "notes", "title:str", "-q"],
    ["remove", "field", "orders", "sku"],
    ["remove", "field", "orders", "sku", "--trace"],
]
RENAME_AND_FIELD_REFUSALS = [
    ["rename", "module", "orders", "notes"],
    ["rename", "module", "missing", "clients"],
    ["rename", "module", "orders", "orders"],
    ["add", "field", "orders", "email:nope"],
    ["add", "field", "orders", "sku:str"],
    ["add", "field", "missing", "email:str"],
    ["remove", "field", "orders", "missing"],
    ["remove", "field", "notes", "sku"],
]
REMOVE_REFUSALS = [
    ["remove", "module", "missing"],
    ["remove", "module", "orders", "missing"],
    ["remove", "module", "status"],
    ["remove", "module", "orders", "orders"],
]


@pytest.mark.parametrize(
    "args", ADD_LINES + REMOVE_LINES + RENAME_AND_FIELD_LINES, ids=" ".join
)
def test_a_command_that_succeeds(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pristine: Path,
    tmp_path: Path,
    args: list[str],
) -> None:
    direct, typer_path = _both_ways(capsys, monkeypatch, args, pristine, tmp_path)
    assert direct == typer_path
    assert direct[0] == 0, direct[2]
    # Not vacuous: the command wrote (or with --trace/--diff, printed) something.
    assert direct[1]
    previewed = "--trace" in args or "--diff" in args
    assert (direct[3] == tree_digest(pristine)) == previewed


@pytest.mark.parametrize(
    "args", ADD_REFUSALS + REMOVE_REFUSALS + RENAME_AND_FIELD_REFUSALS, ids=" ".join
)
def test_a_command_that_is_refused(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pristine: Path,
    tmp_path: Path,
    args: list[str],
) -> None:
    direct, typer_path = _both_ways(capsys, monkeypatch, args, pristine, tmp_path)
    assert direct == typer_path
    assert direct[0] != 0
    assert direct[2].startswith("error: ")
    assert direct[3] == tree_digest(pristine)


def _edit_orders(root: Path) -> None:
    edit(root, "src/shop/modules/orders/router.py", "\n", "\n# mine\n")


@pytest.mark.parametrize(
    "args",
    [
        ["remove", "module", "orders"],
        ["remove", "module", "orders", "--force"],
        ["remove", "module", "orders", "--wiring-only"],
        ["remove", "module", "orders", "--force", "--diff"],
    ],
    ids=" ".join,
)
def test_a_module_with_custom_changes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pristine: Path,
    tmp_path: Path,
    args: list[str],
) -> None:
    direct, typer_path = _both_ways(
        capsys, monkeypatch, args, pristine, tmp_path, _edit_orders
    )
    assert direct == typer_path
    # The folder's custom change refuses a removal, not a detach.
    assert direct[0] == (0 if {"--force", "--wiring-only"} & set(args) else 1)


@pytest.mark.parametrize(
    "args",
    [["add", "module", "customers"], ["remove", "module", "orders", "--trace"]],
    ids=" ".join,
)
def test_outside_a_project(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    direct = _run(capsys, monkeypatch, args, empty, shortcuts=True)
    typer_path = _run(capsys, monkeypatch, args, empty, shortcuts=False)
    assert direct == typer_path
    assert direct[0] == 1
    assert direct[3] == {}


@pytest.mark.parametrize(
    "error",
    STOPS,
    ids=repr,
)
@pytest.mark.parametrize(
    ("args", "plan"),
    [
        (["add", "module", "customers"], "plans.module.add.plan_add_modules"),
        (["remove", "module", "orders"], "plans.module.remove.plan_remove_modules"),
    ],
    ids=["add", "remove"],
)
def test_every_way_a_command_can_stop(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pristine: Path,
    tmp_path: Path,
    args: list[str],
    plan: str,
    error: BaseException,
) -> None:
    module, _, function = f"pole_position.cli.services.{plan}".rpartition(".")
    monkeypatch.setattr(
        __import__(module, fromlist=[function]), function, raising(error)
    )
    direct, typer_path = _both_ways(capsys, monkeypatch, args, pristine, tmp_path)
    assert direct == typer_path


PIPE_PROBE = """\
import sys
import pole_position.cli.main as entry
from pole_position.cli.services.plans.module import add


def closed(*args, **kwargs):
    raise BrokenPipeError(32, "Broken pipe")


add.plan_add_modules = closed
if sys.argv[1] == "typer":
    main = entry.main
    entry.main = lambda: main(shortcuts=False)
sys.argv[1:] = ["add", "module", "customers"]
entry.run()
"""


def test_a_pipe_closed_inside_the_command(pristine: Path, tmp_path: Path) -> None:
    root = tmp_path / pristine.name
    shutil.copytree(pristine, root, symlinks=True)
    outcomes = []
    for way in ("direct", "typer"):
        completed = subprocess.run(
            [sys.executable, "-c", PIPE_PROBE, way],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        outcomes.append((completed.returncode, completed.stdout, completed.stderr))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0] == (1, "", "")


TYPER_LINES = [
    ["add", "module"],
    ["add", "module", "--help"],
    ["add", "module", "customers", "-h"],
    ["add", "module", "customers", "--template"],
    ["add", "module", "customers", "--template", "crud", "--template", "standard"],
    ["add", "module", "customers", "-t", "crud", "--template=crud"],
    ["add", "module", "customers", "--template", "--trace"],
    ["add", "module", "customers", "--template=-q"],
    ["add", "module", "customers", "--bogus"],
    ["add", "module", "--", "customers"],
    ["add", "module", "customers", "-qt", "crud"],
    ["add", "module", "customers", "-tcrud"],
    ["add", "module", "customers", "-t=crud"],
    ["add", "module", "customers", "--trace=1"],
    ["add", "module", "customers", "--pag"],  # click expands no abbreviation
    ["add", "module", "-"],
    ["add", "modules", "customers"],
    ["add", "Module", "customers"],
    ["add"],
    ["remove", "module"],
    ["remove", "module", "orders", "--template", "crud"],
    ["remove", "module", "orders", "--forc"],
    ["--version", "add", "module", "customers"],
    ["rename", "module", "orders"],
    ["rename", "module", "orders", "clients", "extra"],
    ["rename", "module", "orders", "clients", "--help"],
    ["rename", "module", "orders", "clients", "--rename-table=yes"],
    ["add", "field", "orders"],
    ["add", "field", "orders", "email:str", "--force"],
    ["remove", "field", "orders"],
    ["remove", "field", "orders", "sku", "--no-install"],
]


@pytest.mark.parametrize("args", TYPER_LINES, ids=" ".join)
def test_anything_else_goes_through_typer(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pristine: Path,
    tmp_path: Path,
    args: list[str],
) -> None:
    assert parse(args) is None
    root = tmp_path / pristine.name
    shutil.copytree(pristine, root, symlinks=True)
    monkeypatch.chdir(root)
    ran: list[list[str] | None] = []
    typer_path = entry._run_application

    def spy(argv: list[str] | None, *, completing: bool) -> int:
        ran.append(argv)
        return typer_path(argv, completing=completing)

    monkeypatch.setattr(entry, "_run_application", spy)
    entry.main(list(args))
    assert ran == [args]


def test_a_completion_request_goes_through_typer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(COMPLETE_VAR, "complete_bash")
    ran: list[bool] = []

    def spy(argv: list[str] | None, *, completing: bool) -> int:
        ran.append(completing)
        return 0

    monkeypatch.setattr(entry, "_run_application", spy)
    entry.main(["add", "module", "customers"])
    assert ran == [True]


# -- the table against the Typer commands -------------------------------------


def _typer_command(path: tuple[str, ...]) -> object:
    from typer.main import get_command

    from pole_position.cli.app import app

    command: object = get_command(app)
    for word in path:
        command = command.commands[word]  # type: ignore[attr-defined]
    return command


def _derived(path: tuple[str, ...]) -> tuple[object, ...]:
    """(positionals, flags, options) as the live Typer command declares them."""
    from typer._click.types import BoolParamType, StringParamType

    positionals: list[tuple[str, int]] = []
    flags: dict[str, str] = {}
    options: dict[str, str] = {}
    for param in _typer_command(path).params:  # type: ignore[attr-defined]
        # Nothing the direct path would miss: no environment variable, callback
        # (an eager --version), repeatable option or hidden value.
        plain = (param.envvar, param.callback, param.multiple, param.expose_value)
        assert plain == (None, None, False, True), param.name
        if param.param_type_name == "argument":
            assert isinstance(param.type, StringParamType), param.name
            assert (param.required, param.nargs in (ONE, ALL)) == (True, True)
            positionals.append((param.name, param.nargs))
        elif param.is_flag:
            assert isinstance(param.type, BoolParamType), param.name
            shape = (param.default, param.secondary_opts, param.count)
            assert shape == (False, [], False), param.name
            flags.update(dict.fromkeys(param.opts, param.name))
        else:  # an option taking one string, or None when absent
            assert isinstance(param.type, StringParamType), param.name
            shape = (param.nargs, param.default, param.required)
            assert shape == (1, None, False), param.name
            options.update(dict.fromkeys(param.opts, param.name))
    return tuple(positionals), flags, options


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_the_table_is_the_typer_commands_own(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    assert (command.positionals, command.flags, command.options) == _derived(path)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_each_runner_takes_the_commands_parameters(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    parameters = inspect.signature(runner(command)).parameters
    names = [name for name, _ in command.positionals]
    assert list(parameters)[: len(names)] == names
    for name in names:
        assert parameters[name].default is inspect.Parameter.empty
    defaults = {
        **dict.fromkeys(command.flags.values(), False),
        **dict.fromkeys(command.options.values(), None),
    }
    assert {name: parameters[name].default for name in defaults} == defaults
    assert set(parameters) == set(names) | set(defaults)


def test_the_table_covers_the_module_and_field_commands() -> None:
    assert set(COMMANDS) == {
        ("add", "module"),
        ("remove", "module"),
        ("rename", "module"),
        ("add", "field"),
        ("remove", "field"),
    }


# -- how a line is read --------------------------------------------------------


SAMPLE = Command(
    "sample:run",
    positionals=(("first", ONE), ("middle", ALL), ("last", ONE)),
    flags={"--on": "on", "-o": "on"},
    options={"--name": "name", "-n": "name"},
)
A_X_B = {"first": "a", "middle": ["x"], "last": "b"}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["a", "x", "b"], {"first": "a", "middle": ["x"], "last": "b"}),
        (["a", "x", "y", "b"], {"first": "a", "middle": ["x", "y"], "last": "b"}),
        (
            ["-o", "a", "--name", "v", "x", "b", "--on"],
            {"first": "a", "middle": ["x"], "last": "b", "on": True, "name": "v"},
        ),
        (["a", "-n", "v", "x", "b"], {**A_X_B, "name": "v"}),
        (["a", "--name=v=w", "x", "b"], {**A_X_B, "name": "v=w"}),
        (["a", "b"], None),  # every positional is required, the variadic too
        (["a"], None),
        ([], None),
        (["a", "x", "b", "--name"], None),
        (["a", "x", "b", "-n", "-o"], None),
        (["a", "x", "b", "--name", "v", "-n", "w"], None),
        (["a", "x", "b", "--on=1"], None),
        (["a", "x", "b", "-on"], None),
        (["a", "x", "b", "--"], None),
        (["a", "x", "b", "--help"], None),
    ],
)
def test_a_line_is_read_as_click_reads_it(
    words: list[str], expected: dict[str, object] | None
) -> None:
    assert SAMPLE.read(words) == expected


def test_a_fixed_number_of_positionals_takes_no_more() -> None:
    pair = Command("sample:run", (("old", ONE), ("new", ONE)), {}, {})
    assert pair.read(["a", "b"]) == {"old": "a", "new": "b"}
    assert pair.read(["a", "b", "c"]) is None
    assert pair.read(["a"]) is None
