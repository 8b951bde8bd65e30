"""The `polepos` entry point: answers what it can before Typer, the rest through it.

Importing Typer and building every command is most of what a light command
costs, so this module does neither until the command needs it: the Typer
application lives in `pole_position.cli.app`. `version`, `completion SHELL`,
the root help (`--help`, `-h`, `help`, on a terminal of 80 columns or more),
a plain `check` (only flags the shortcut fully understands) and a well-formed
`add|remove|rename module` or `add|remove field` line (`pole_position.cli.direct`)
are answered without it, each printing exactly what the application would,
with the same exit code (tests/cli/test_basics.py, test_root_help.py,
test_check_shortcut.py and test_direct.py compare the two paths).
"""

from __future__ import annotations

import gc
import os
import sys

from pole_position.cli import output
from pole_position.cli.commands import COMPLETE_VAR, version
from pole_position.cli.errors import PolePositionError

# `typing.TYPE_CHECKING` without importing typing: `version` stays below it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

# Command lines answered before the application is built.
_VERSION_ARGS = (["version"], ["--version"])
_ROOT_HELP_ARGS = (["--help"], ["-h"], ["help"])
_SHELLS = (["bash"], ["zsh"], ["fish"])
# Collector thresholds for one command (see `run`): fewer young passes, and a
# full pass only after far more work than any command does.
_GC_YOUNG = 20_000
_GC_FULL_EVERY = 1_000


def main(argv: list[str] | None = None, *, shortcuts: bool = True) -> int:
    """Run the CLI and return its exit code instead of raising SystemExit.

    `shortcuts=False` runs every command line through Typer (tests compare).
    """
    completing = bool(os.environ.get(COMPLETE_VAR))
    args = sys.argv[1:] if argv is None else argv
    answered = None if completing or not shortcuts else _shortcut(args, argv)
    if answered is not None:
        return answered
    return _guarded(lambda: _run_application(argv, completing=completing))


def _shortcut(args: list[str], argv: list[str] | None) -> int | None:
    """The exit code of a command line answered without Typer, or None."""
    if args in _VERSION_ARGS:
        output.info(version.version_line())
        return 0
    if args in _ROOT_HELP_ARGS:
        from pole_position.cli.commands.root_help import wide_text

        text = wide_text()
        if text is not None:
            output.info(text)
            return 0
        return None
    if args[:1] == ["completion"] and args[1:] in _SHELLS:
        from pole_position.cli.commands.completion_scripts import SCRIPTS

        output.info(SCRIPTS[args[1]])
        return 0
    if args[:1] == ["check"]:
        from pole_position.cli.commands.check_run import run_flags, shortcut_flags

        flags = shortcut_flags(args)
        if flags is not None:
            return _guarded(lambda: _without_typer(lambda: run_flags(flags), argv))
        return None
    from pole_position.cli.direct import parse

    command = parse(args)
    if command is not None:
        return _guarded(lambda: _without_typer(command, argv))
    return None


def _guarded(command: Callable[[], int]) -> int:
    """Run `command`, turning how it fails into a message and an exit code."""
    try:
        return command()
    except PolePositionError as exc:
        output.error(exc.render())
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # `run` silences a closed pipe
    except Exception as exc:  # last line of defence: each cause is handled earlier
        output.error(f"internal error: {_one_line(exc)}; please report this.")
        return 1


def _run_application(argv: list[str] | None, *, completing: bool) -> int:
    """The command through the Typer application; Typer's own ways to stop, mapped."""
    import typer

    from pole_position.cli.app import app
    from pole_position.cli.commands import completion
    from pole_position.cli.groups import BareGroup
    from pole_position.cli.services.project.lock import command_scope

    if completing:
        completion.prepare_completion_request()
    try:
        with command_scope(argv):
            result = app(args=argv, prog_name="polepos", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        output.error("aborted.")
        return 1
    except BareGroup as exc:
        # A bare group (`polepos add`): its synopsis, not the whole help again.
        print(exc.usage, file=sys.stderr)
        return exc.exit_code
    except typer.TyperException as exc:  # click's usage errors: one line, exit 2
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "polepos"
        output.error(f"{message} (see '{where} --help')")
        return int(getattr(exc, "exit_code", 2))
    return int(result) if isinstance(result, int) else 0


def _without_typer(command: Callable[[], object], argv: list[str] | None) -> int:
    """A command parsed before Typer, run as the Typer application would run it."""
    from pole_position.cli.services.project.lock import command_scope

    try:
        with command_scope(argv):
            result = command()
    except EOFError:
        # Typer (click) ends an EOFError as an abort, after a blank line.
        print(file=sys.stderr)
        output.error("aborted.")
        return 1
    except BrokenPipeError:
        # Typer (click) ends a closed pipe inside the command with exit code 1,
        # its streams silenced; the buffered rest of stdout goes nowhere.
        _silence_stdout()
        return 1
    return int(result) if isinstance(result, int) else 0


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:200] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run() -> None:
    """Console-script entry point: exit quietly on a closed pipe."""
    # One command is a short-lived process: a full collection walks every live
    # object (LibCST's classes, a parsed 200-module router), so a big project
    # paid 40 ms for garbage that exit frees anyway. Young cycles are still
    # collected, which keeps memory bounded.
    gc.set_threshold(_GC_YOUNG, 50, _GC_FULL_EVERY)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (e.g. `polepos check | head -1`): say nothing more.
        _silence_stdout()
        code = 0
    _exit(code)


def _exit(code: int) -> None:
    """End the process with `code`, skipping the interpreter's teardown.

    Every file a command writes is closed (and made durable) before it returns
    and every child it starts is waited for; what teardown would still do is
    free each object one by one: the modules, a parsed 200-module router, the
    lock's records. That took 38 million instructions at 1 module and 48
    million at 200 (callgrind), 6% of a `rename module`.
    """
    # Not contextlib.suppress: `version` would import contextlib for it.
    try:  # noqa: SIM105
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say so; the exit code stands
    os._exit(code)


if __name__ == "__main__":
    run()
