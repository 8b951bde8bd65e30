"""What each command imports, against declared budgets.

Start-up time is mostly import time, and an import is deterministic where a
stopwatch is not: each command runs in a fresh interpreter inside a generated
project, and the third-party packages (and heavy standard modules) it loaded
must lie within its budget. `bench/cli.py` measures the time itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position.cli.services.project.text_faces import VERIFY as VERIFY_TEXT_FACES
from tests.conftest import REPO_ROOT, run_polepos_process

# What the CLI shell (`polepos --help`) loads, allowed to every command.
SHELL = {"pole_position", "codemods", "typer", "shellingham", "annotated_doc"}
# The only services `--help`, `help CMD` and `completion` load: the enum behind
# `start --db` and the lock every command's scope releases. No plan, no codemod.
LIGHT_SERVICES = {
    "pole_position.cli.services.catalog",
    "pole_position.cli.services.catalog.databases",
    "pole_position.cli.services.project",
    "pole_position.cli.services.project.lock",
}
# Per command: the packages it may add to the shell's. Jinja2 renders templates
# and inflect derives the new module's names; neither is needed to remove or check.
# add and remove read and edit the manifest on its lines (codemods.toml_lines):
# tomlkit only loads for a manifest in a shape the tool does not write. They wire
# a generated project's Python files on text too (the operations' text faces,
# docs/codemods.md): LibCST only loads for a file in a shape they do not decide.
BUDGETS = {
    "add": {"jinja2", "markupsafe", "inflect", "jaraco", "more_itertools"},
    "remove": set(),
    # rename re-renders the module's files; the importers' text faces decide
    # a generated project's files, so LibCST stays out (issue 16: its import
    # is a quarter of a second).
    "rename": {"jinja2", "markupsafe", "inflect", "jaraco", "more_itertools"},
    # check asks the text faces first too: a generated project needs no parse,
    # and its manifest and pyproject.toml are read without tomlkit.
    "check": set(),
}
# Never loaded by these commands: formatters (generated code is formatted when
# it is written into templates, not at run time), libcst's codemod framework and
# matchers, and typeguard with what it drags in.
NEVER = {
    "black",
    "isort",
    "alembic",
    "sqlalchemy",
    "typeguard",
    "unittest",
    "asyncio",
    "libcst.codemod",
    "libcst.matchers",
    "libcst.tool",
}
COMMANDS = {
    "add": ["add", "module", "orders", "--template", "crud", "--no-install", "-q"],
    "remove": ["remove", "module", "orders", "-q"],
    "rename": ["rename", "module", "orders", "clients", "-q"],
    "rename back": ["rename", "module", "clients", "orders", "-q"],
    "check": ["check"],
}
PROBE = """\
import json, sys
from pole_position.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
else:
    code = 0
names = sorted(sys.modules)
print(json.dumps({"code": code, "modules": names}))
"""


def _imported(
    root: Path, args: list[str], env: dict[str, str] | None = None
) -> tuple[int, set[str]]:
    # The suite's text-face verification parses every file with LibCST too.
    env = {k: v for k, v in (env or os.environ).items() if k != VERIFY_TEXT_FACES}
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _third_party(modules: set[str]) -> set[str]:
    tops = {name.split(".")[0] for name in modules}
    return {
        top
        for top in tops
        if top not in sys.stdlib_module_names and not top.startswith("_")
    } - {"__main__"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parent = tmp_path_factory.mktemp("budget")
    assert run_polepos_process("start", "shop", "--no-git", cwd=parent).returncode == 0
    return parent / "shop"


@pytest.mark.parametrize("args", [["version"], ["--version"]])
def test_version_is_answered_before_typer(tmp_path: Path, args: list[str]) -> None:
    code, modules = _imported(tmp_path, args)
    assert code in (0, None)
    assert _third_party(modules) == {"pole_position"}
    # Not even typing: the answer costs little more than the interpreter's start.
    assert "typing" not in modules
    assert "pole_position.cli.app" not in modules


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_is_printed_without_typer(tmp_path: Path, shell: str) -> None:
    # The scripts are kept as text (commands/completion_scripts.py); the
    # Typer application renders them live (tests/cli/test_basics.py compares).
    code, modules = _imported(tmp_path, ["completion", shell])
    assert code in (0, None)
    assert _third_party(modules) == {"pole_position"}
    assert "typing" not in modules
    assert "pole_position.cli.app" not in modules


@pytest.mark.parametrize(
    "args",
    [["--help"], ["help", "start"], ["completion", "Bash"], ["version", "-h"]],
)
def test_help_and_completion_load_no_plan_or_codemod(
    tmp_path: Path, args: list[str]
) -> None:
    code, modules = _imported(tmp_path, args)
    assert code in (0, None)
    assert "pole_position.cli.app" in modules  # the Typer application answered
    assert _third_party(modules) <= SHELL
    assert not any(name.startswith("codemods") for name in modules)
    services = {m for m in modules if m.startswith("pole_position.cli.services.")}
    assert services <= LIGHT_SERVICES


def test_command_modules_keep_their_annotations_evaluated() -> None:
    # Typer evaluates string annotations with a compile per parameter on every
    # run: see pole_position/cli/commands/__init__.py.
    commands = REPO_ROOT / "pole_position" / "cli" / "commands"
    postponed = [
        path.relative_to(commands).as_posix()
        for path in sorted(commands.rglob("*.py"))
        if "from __future__ import annotations"
        in path.read_text(encoding="utf-8").splitlines()
    ]
    assert postponed == []


def test_commands_stay_within_their_import_budgets(project: Path) -> None:
    _, shell = _imported(project, ["--help"])
    assert _third_party(shell) <= SHELL
    loads: dict[str, set[str]] = {}
    # remove undoes add, the second rename the first
    for command in ("add", "rename", "rename back", "check", "remove"):
        code, modules = _imported(project, COMMANDS[command])
        assert code in (0, None), f"{command} failed"
        extra = _third_party(modules) - SHELL
        budget = BUDGETS[command.split()[0]]
        assert extra <= budget, f"{command} imports {extra - budget}"
        loaded = {name for name in NEVER if name in modules}
        assert loaded == set(), f"{command} imports {loaded}"
        loads[command] = _third_party(modules)
    # The budgets are not vacuous: the probe sees what a command loads.
    assert {"jinja2", "inflect"} <= loads["add"] & loads["rename"]


# What the entry point's `check` shortcut (tests/cli/test_check_shortcut.py) leaves
# out: Typer and click, the application and every other command's module.
SHORTCUT_COMMAND_MODULES = {
    "pole_position.cli.commands",
    "pole_position.cli.commands.check_run",
    "pole_position.cli.commands.version",
}


@pytest.mark.parametrize(
    "args", [["check"], ["check", "--json", "--no-cache"], ["check", "--no-cache"]]
)
def test_a_plain_check_runs_without_typer(project: Path, args: list[str]) -> None:
    code, modules = _imported(project, args)
    assert code in (0, None)
    assert _third_party(modules) == {"pole_position", "codemods"}
    assert "pole_position.cli.app" not in modules
    commands = {m for m in modules if m.startswith("pole_position.cli.commands")}
    assert commands == SHORTCUT_COMMAND_MODULES


# What the entry point's direct path (pole_position.cli.direct,
# tests/cli/test_direct.py) loads of the commands: the command's Typer-free
# body and its group's package, never Typer, click, the application, the group
# machinery or any other command's module.
DIRECT_COMMON = {
    "pole_position.cli.commands",
    "pole_position.cli.commands.plan_output",
    "pole_position.cli.commands.version",
}
# One after the other, each undoing the one before, the last ones first;
# --trace and --diff preview through the same bodies.
DIRECT_LINES = [
    ["add", "module", "x", "--template=crud", "--no-install", "-q"],
    ["rename", "module", "x", "y", "--quiet"],
    ["add", "field", "y", "email:str", "-q"],
    ["add", "module", "v", "w", "--trace", "--diff"],
    ["remove", "field", "y", "email"],
    ["remove", "module", "y", "--quiet"],
]


def test_module_and_field_commands_run_without_typer(
    project: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "shop"
    shutil.copytree(project, copy)
    for args in DIRECT_LINES:
        code, modules = _imported(copy, args)
        assert code in (0, None), args
        group, command = args[:2]
        if command == "module":  # `add field` edits with LibCST and tomlkit
            budget = {"pole_position", "codemods"} | BUDGETS[group]
            assert _third_party(modules) <= budget, args
        assert not any(
            name.split(".")[0] in {"typer", "click", "shellingham"} for name in modules
        ), args
        assert {"pole_position.cli.app", "pole_position.cli.groups"} & modules == set()
        commands = {m for m in modules if m.startswith("pole_position.cli.commands")}
        own = f"pole_position.cli.commands.{group}"
        assert commands == DIRECT_COMMON | {own, f"{own}.{command}_run"}, args


def test_add_module_with_help_still_runs_through_typer(project: Path) -> None:
    code, modules = _imported(project, ["add", "module", "x", "--help"])
    assert code in (0, None)
    assert {"typer", "pole_position.cli.app"} <= modules


def test_check_with_other_options_still_runs_through_typer(project: Path) -> None:
    code, modules = _imported(project, ["check", "--format", "json"])
    assert code in (0, None)
    assert {"typer", "pole_position.cli.app"} <= modules
    assert _third_party(modules) <= SHELL


# What only `check --fix` or the mutating commands need (not json: the probe
# itself imports it).
FIX_ONLY = {
    "pole_position.cli.services.project.change_set",
    "pole_position.cli.services.project.journal",
    "hashlib",
    # The manifest's entry operations (its reader is codemods.manifest_read).
    "codemods.manifest",
}


def test_a_cold_check_imports_no_toml_editor_and_nothing_only_fix_needs(
    project: Path,
) -> None:
    code, modules = _imported(project, ["check", "--no-cache"])
    assert code in (0, None)
    assert _third_party(modules) & {"libcst", "tomlkit"} == set()
    assert FIX_ONLY & modules == set()
    # Not vacuous: the probe sees the readers this check does use.
    assert {"tomllib", "codemods.toml_lines"} <= modules


def test_a_manifest_only_tomlkit_reads_still_loads_it(
    project: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "shop"
    shutil.copytree(project, copy)
    manifest = copy / ".poleposition.toml"
    # Literal strings: valid TOML the line reader leaves to tomlkit.
    manifest.write_text(manifest.read_text("utf-8").replace('"', "'"), "utf-8")
    code, modules = _imported(copy, ["check", "--no-cache"])
    assert code in (0, None)
    assert "tomlkit" in _third_party(modules)


def test_a_warm_check_imports_neither_libcst_nor_tomlkit(
    project: Path, tmp_path: Path
) -> None:
    # The cache holds the manifest's record, the lock's data and every parse.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    _, cold = _imported(project, ["check"], env)
    assert "tomllib" in cold  # the lock and pyproject.toml, read once
    # The cache is written with os.open (tempfile would bring shutil and random).
    assert {"tempfile", "shutil", "random", "codemods.manifest"} & cold == set()
    code, warm = _imported(project, ["check"], env)
    assert code in (0, None)
    assert _third_party(warm) & {"libcst", "tomlkit"} == set()
    assert "tomllib" not in warm
    # Its keys and file digests come from codemods.digest: no OpenSSL start-up.
    assert "hashlib" not in cold | warm


# What a plain add and remove (no dependency changed, a module without added
# fields) leave out: finding and running an environment (sync imports it only
# for a changed dependency list), the field plans and codemods, the TOML parser
# (only the project and auth templates have a layout file), and OpenSSL's
# hashlib (codemods.digest hashes with CPython's own SHA-256), with tempfile and
# its random (only `start` builds in a staging folder).
LEFT_OUT = {
    "add": {
        "pole_position.cli.services.environment.detect",
        "pole_position.cli.services.environment.install",
        "shlex",
        "tomllib",
        # its templates' layout context has a module of its own
        "pole_position.cli.services.plans.feature",
    },
    "remove": {
        "pole_position.cli.services.environment.detect",
        "pole_position.cli.services.environment.install",
        "shlex",
        "pole_position.cli.services.plans.field",
        "codemods.fields_manifest",
        "codemods.fields_spec",
        "hashlib",
        "tempfile",
        "random",
    },
}
# Defining a frozen dataclass costs 0.5-0.8 ms at import, a NamedTuple a fifth
# of that: the simple records these commands define are NamedTuples. Ceilings
# on the dataclasses of our own packages each command defines.
DATACLASS_CEILINGS = {"add": 24, "remove": 24}
RECORDS_PROBE = """\
import json, sys
from pole_position.cli.main import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
else:
    code = 0
classes = sorted(
    f"{name}.{key}"
    for name, module in list(sys.modules.items())
    if name.split(".")[0] in ("pole_position", "codemods")
    for key, value in list(vars(module).items())
    if isinstance(value, type)
    and value.__module__ == name
    and "__dataclass_fields__" in vars(value)
)
print(json.dumps({"code": code, "modules": sorted(sys.modules), "classes": classes}))
"""


def _records(root: Path, args: list[str]) -> tuple[set[str], list[str]]:
    env = {k: v for k, v in os.environ.items() if k != VERIFY_TEXT_FACES}
    completed = subprocess.run(
        [sys.executable, "-c", RECORDS_PROBE, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), completed.stderr
    return set(report["modules"]), report["classes"]


def test_a_plain_add_and_remove_leave_out_what_they_do_not_use(
    project: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "shop"
    shutil.copytree(project, copy)
    for command in ("add", "remove"):  # remove undoes add
        modules, classes = _records(copy, COMMANDS[command])
        assert LEFT_OUT[command] & modules == set(), command
        assert len(classes) <= DATACLASS_CEILINGS[command], classes
        # Not vacuous: the probe sees the modules and dataclasses they do use.
        assert {"json", "codemods.lockfile"} <= modules
        assert "codemods.layout.Layout" in classes
