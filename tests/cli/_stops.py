"""Every way a command can stop: shortcut and Typer paths must end alike."""

from __future__ import annotations

from collections.abc import Callable

from pole_position.cli.errors import InvalidInput, Refused

# One of each: our refusals and input errors, an unexpected exception (two lines),
# an OS error, Ctrl-C, end of input at a prompt, and an exit with its own code.
STOPS: list[BaseException] = [
    Refused("the project is locked.", "Wait for it."),
    InvalidInput("bad input."),
    RuntimeError("boom\nwith two lines"),
    OSError(5, "Input/output error"),
    KeyboardInterrupt(),
    EOFError(),
    SystemExit(3),
]


def raising(error: BaseException) -> Callable[..., object]:
    """A stand-in for any function: it raises `error`."""

    def fail(*args: object, **kwargs: object) -> object:
        raise error

    return fail
