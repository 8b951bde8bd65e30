"""Where results, warnings and errors go, and whether they may be coloured."""

from __future__ import annotations

import os
import sys


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


def info(text: str = "") -> None:
    """A result line on stdout."""
    print(text, file=sys.stdout)


def success(text: str) -> None:
    """A result line on stdout, green on a TTY."""
    print(_paint(text, "32", sys.stdout), file=sys.stdout)


def warn(text: str) -> None:
    """A warning line on stderr."""
    print(_paint(f"warning: {text}", "33", sys.stderr), file=sys.stderr)


def error(text: str) -> None:
    """An error line on stderr."""
    print(_paint(f"error: {text}", "31", sys.stderr), file=sys.stderr)
