"""Errors a command raises to stop: a message and an exit code (docs/commands.md)."""

from __future__ import annotations


class PolePositionError(Exception):
    """A user-facing failure: one line on stderr, no traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        """The single line printed on stderr."""
        return f"{self.message} {self.hint}" if self.hint else self.message


class InvalidInput(PolePositionError):
    """Bad arguments or invalid names: exit 2."""

    exit_code = 2


class Refused(PolePositionError):
    """The project's state forbids the operation: exit 1."""

    exit_code = 1
