"""The `polepos` entry point: answers `version` at once, runs the rest through Typer.

Importing Typer and building every command is most of what a light command
costs, so this module does neither until the command needs it: the Typer
application lives in `pole_position.cli.app`, and `completion SHELL` needs only
Typer's script, not the application.
"""

from __future__ import annotations

import gc
import os
import sys

from pole_position.cli import output
from pole_position.cli.commands import COMPLETE_VAR, version
from pole_position.cli.errors import PolePositionError

# Command lines answered before the application is built; each prints exactly
# what the Typer application would (tests/cli/test_basics.py compares them).
_VERSION_ARGS = (["version"], ["--version"])
_SHELLS = (["bash"], ["zsh"], ["fish"])
# Collector thresholds for one command (see `run`): fewer young passes, and a
# full pass only after far more work than any command does.
_GC_YOUNG = 20_000
_GC_FULL_EVERY = 1_000


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of raising SystemExit."""
    completing = bool(os.environ.get(COMPLETE_VAR))
    args = sys.argv[1:] if argv is None else argv
    if not completing and args in _VERSION_ARGS:
        output.info(version.version_line())
        return 0
    if not completing and args[:1] == ["completion"] and args[1:] in _SHELLS:
        from pole_position.cli.commands.completion import Shell, completion_script

        output.info(completion_script(Shell(args[1])))
        return 0
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
    except PolePositionError as exc:
        output.error(exc.render())
        return exc.exit_code
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
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # `run` silences a closed pipe
    except Exception as exc:  # last line of defence: each cause is handled earlier
        output.error(f"internal error: {_one_line(exc)}; please report this.")
        return 1
    return int(result) if isinstance(result, int) else 0


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
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    run()
