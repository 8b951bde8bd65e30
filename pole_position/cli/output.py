"""Where results, warnings and errors go, and whether they may be coloured."""

from __future__ import annotations

import os
import sys

SEVERITY_COLOURS = {"error": "31", "warning": "33"}
ACTION_COLOURS = {"create": "32", "edit": "33", "delete": "31"}


def colour_enabled(stream: object) -> bool:
    """Colour only on a TTY, honouring NO_COLOR and FORCE_COLOR."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, code: str, stream: object) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour_enabled(stream) else text


def paint_severity(text: str, severity: str) -> str:
    """`text` in the colour of a finding's severity, when stdout may be coloured."""
    code = SEVERITY_COLOURS.get(severity)
    return _paint(text, code, sys.stdout) if code else text


def strip_location(path: str | None, line: int | None, message: str) -> str:
    """`message` without a leading `path:` or `path:line:` its caller prints anyway."""
    if not path:
        return message
    for prefix in (f"{path}:{line}: ", f"{path}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def located(path: str | None, line: int | None, message: str) -> str:
    """`path:line: message`, naming the path once even if the message starts with it."""
    if not path:
        return message
    where = f"{path}:{line}" if line else path
    return f"{where}: {strip_location(path, line, message)}"


def info(text: str = "") -> None:
    """A result line on stdout."""
    print(text, file=sys.stdout)


def success(text: str) -> None:
    """A result line on stdout, green on a TTY."""
    print(_paint(text, "32", sys.stdout), file=sys.stdout)


def file_action(action: str, path: str) -> None:
    """One file a command wrote: `  create  src/...`, the action coloured on a TTY."""
    label = _paint(f"{action:<6}", ACTION_COLOURS.get(action, "0"), sys.stdout)
    print(f"  {label}  {path}", file=sys.stdout)


def warn(text: str) -> None:
    """A warning line on stderr."""
    print(_paint(f"warning: {text}", "33", sys.stderr), file=sys.stderr)


def error(text: str) -> None:
    """An error line on stderr."""
    print(_paint(f"error: {text}", "31", sys.stderr), file=sys.stderr)
