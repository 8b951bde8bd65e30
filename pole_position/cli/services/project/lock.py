"""The project lock: one writer at a time, held from the first read to the last write.

The lock is an exclusive `flock` on the project folder. A command that changes
the project takes it before reading anything its plan depends on and keeps it
until the command ends (`command_scope`), so plan, verification and writes
all see one snapshot. The kernel drops the lock when the process dies, which is
how recovery tells an interrupted change from one still running.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from pole_position.cli.errors import Refused

_held: dict[Path, int] = {}
_scope_depth = 0
_command: list[str] = []


def current_command() -> str:
    """The running command as typed (for the journal), e.g. `polepos add auth`."""
    return " ".join(["polepos", *_command])


def _key(root: Path) -> Path:
    return root.resolve()


def _acquire(root: Path) -> int:
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise Refused(
            "another polepos command is changing this project right now.",
            "Wait for it to finish, then try again.",
        ) from None
    return descriptor


def is_held(root: Path) -> bool:
    """Whether this process holds the lock of `root`."""
    return _key(root) in _held


def hold(root: Path) -> None:
    """Take the lock until the current command ends (no-op outside a command)."""
    if _scope_depth == 0 or is_held(root):
        return
    _held[_key(root)] = _acquire(root)


@contextlib.contextmanager
def lock_if_free(root: Path) -> Iterator[bool]:
    """Hold the lock for a block if no other process does; yields whether it does.

    Inside a command the lock is then kept until the command ends.
    """
    if is_held(root):
        yield True
        return
    try:
        descriptor = _acquire(root)
    except Refused:
        yield False
        return
    _held[_key(root)] = descriptor
    if _scope_depth > 0:
        yield True
        return
    try:
        yield True
    finally:
        _held.pop(_key(root), None)
        os.close(descriptor)


@contextlib.contextmanager
def command_scope(argv: list[str] | None = None) -> Iterator[None]:
    """Release every lock a command took when it ends, however it ends."""
    global _scope_depth
    _scope_depth += 1
    if _scope_depth == 1:
        _command[:] = list(sys.argv[1:] if argv is None else argv)
    try:
        yield
    finally:
        _scope_depth -= 1
        if _scope_depth == 0:
            _command.clear()
            for descriptor in _held.values():
                os.close(descriptor)
            _held.clear()


@contextlib.contextmanager
def project_lock(root: Path | None) -> Iterator[None]:
    """Hold the lock for a block; reentrant when this process already holds it."""
    if root is None or is_held(root):
        yield
        return
    descriptor = _acquire(root)
    _held[_key(root)] = descriptor
    try:
        yield
    finally:
        _held.pop(_key(root), None)
        os.close(descriptor)
