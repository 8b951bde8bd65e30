"""The CLI shell: help, version, exit codes, streams, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pole_position import __version__
from tests.conftest import Runner, run_polepos_process

HEAVY = ("libcst", "jinja2", "black", "isort", "tomlkit", "alembic", "pydantic", "rich")


def test_version_command_and_flag(polepos: Runner) -> None:
    assert polepos("version").stdout == f"polepos {__version__}\n"
    assert polepos("--version").stdout == f"polepos {__version__}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["version"],
        ["--version"],
        ["completion", "bash"],
        ["completion", "zsh"],
        ["completion", "fish"],
    ],
)
def test_shortcuts_print_what_the_typer_application_prints(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    from pole_position.cli.app import app
    from pole_position.cli.main import main

    assert main(args) == 0
    shortcut = capsys.readouterr()
    app(args=args, prog_name="polepos", standalone_mode=False)
    assert capsys.readouterr() == shortcut


def test_help_lists_commands_with_examples(polepos: Runner) -> None:
    result = polepos("--help")
    assert result.exit_code == 0
    for command in ("start", "db", "version", "help"):
        assert f"  {command} " in result.stdout
    assert "Examples:" in result.stdout


def test_help_command_shows_a_subcommand(polepos: Runner) -> None:
    result = polepos("help", "db", "upgrade")
    assert result.exit_code == 0
    assert "Usage: polepos db upgrade" in result.stdout
    assert "polepos db upgrade +1" in result.stdout


def test_help_for_unknown_command_is_a_usage_error(polepos: Runner) -> None:
    result = polepos("help", "frobnicate")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown command 'frobnicate'" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), ("start",), ("start", "x", "--bogus"), ("db", "downgrade")],
)
def test_usage_errors_exit_2_with_one_line(
    polepos: Runner, args: tuple[str, ...]
) -> None:
    result = polepos(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "command", [["--help"], ["version"], ["help", "start"], ["completion", "bash"]]
)
def test_light_commands_do_not_import_heavy_libraries(command: list[str]) -> None:
    code = (
        "import sys\n"
        "from pole_position.cli.main import main\n"
        f"main({command!r})\n"
        f"print('HEAVY=' + ','.join(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {HEAVY!r})))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip().splitlines()[-1] == "HEAVY="


def test_broken_pipe_is_silent(tmp_path: Path) -> None:
    completed = subprocess.run(
        f"{sys.executable} -m pole_position --help | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.stdout.startswith("Usage:")
    assert "Traceback" not in completed.stderr
    assert completed.stderr == ""


def test_process_exit_codes_match_in_process_ones(tmp_path: Path) -> None:
    assert run_polepos_process("version", cwd=tmp_path).returncode == 0
    bad = run_polepos_process("start", "class", cwd=tmp_path)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert json.dumps(bad.stderr).count("\\n") == 1
