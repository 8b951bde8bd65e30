"""Turn an operating-system error met while writing into one refusal line.

A full disk, a read-only or immutable file, a folder where a file should be:
the change set has already rolled back when the error reaches here, so the
user needs one line naming the file and the cause, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from pole_position.cli.errors import Refused

_HINTS = {
    errno.ENOSPC: "Free some disk space, then run the command again.",
    errno.EDQUOT: "Free some disk space, then run the command again.",
    errno.EACCES: "Make the file and its folder writable, then run the command again.",
    errno.EPERM: "Make the file writable (is it immutable?), then run the command "
    "again.",
    errno.EROFS: "The file system is read-only; remount it or work on a copy.",
}


class _Rooted(Protocol):
    root: Path


SelfT = TypeVar("SelfT", bound=_Rooted)
P = ParamSpec("P")
R = TypeVar("R")


def _shown(name: object, root: Path) -> str | None:
    if not isinstance(name, str | os.PathLike) or not str(name):
        return None
    path = Path(os.fspath(name))
    with contextlib.suppress(ValueError):
        path = path.relative_to(root)
    return path.as_posix()


class WriteFailed(Refused, OSError):
    """A write the operating system refused: one line for the user (a `Refused`),
    and still the `OSError` it was for callers that handle those."""


def write_refusal(exc: OSError, root: Path) -> WriteFailed:
    """The one-line refusal for an OS error met while writing under `root`."""
    name = _shown(exc.filename2, root) or _shown(exc.filename, root)
    cause = exc.strerror or str(exc) or type(exc).__name__
    where = f" {name}" if name else " the project's files"
    return WriteFailed(
        f"could not write{where}: {cause}; every change was rolled back.",
        _HINTS.get(exc.errno or 0, "Fix the cause, then run the command again."),
    )


def refuse_os_errors(
    method: Callable[Concatenate[SelfT, P], R],
) -> Callable[Concatenate[SelfT, P], R]:
    """Decorate a change set's writer so an OSError becomes a `Refused` line."""

    @functools.wraps(method)
    def wrapper(self: SelfT, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except WriteFailed:
            raise
        except OSError as exc:
            raise write_refusal(exc, Path(self.root)) from None

    return wrapper
