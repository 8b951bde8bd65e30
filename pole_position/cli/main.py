"""The `polepos` Typer application: registers commands, maps errors to exit codes.

Only light modules are imported here; each command imports its heavy machinery
(LibCST, Jinja2, tomlkit, ...) inside its own body, so `polepos --help` and
`polepos version` start close to the interpreter's own speed.
"""

from __future__ import annotations

import os
import sys

import typer

from pole_position import __version__
from pole_position.cli import output
from pole_position.cli.commands import (
    add,
    adopt,
    check,
    codemod,
    completion,
    db,
    delete,
    help,
    remove,
    rename,
    start,
    upgrade,
    version,
)
from pole_position.cli.errors import PolePositionError
from pole_position.cli.groups import BareGroup, WorkflowGroup
from pole_position.cli.services.project.lock import command_scope

app = typer.Typer(
    name="polepos",
    cls=WorkflowGroup,
    help="PolePosition: create, grow, check and shrink FastAPI projects.",
    epilog=(
        "\b\nExamples:\n"
        "  polepos start shop-api\n"
        "  polepos add module customers --template crud --pagination\n"
        "  polepos check --fix\n"
        "  polepos db upgrade"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        output.info(f"polepos {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False,
        "--version",
        help="Show the installed version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """PolePosition: create, grow, check and shrink FastAPI projects."""


# Registration order does not matter: WorkflowGroup lists them in workflow order.
for command in (
    start,
    adopt,
    add,
    remove,
    rename,
    check,
    db,
    upgrade,
    delete,
    codemod,
    completion,
    version,
    help,
):
    command.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of raising SystemExit."""
    if os.environ.get(completion.COMPLETE_VAR):
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
