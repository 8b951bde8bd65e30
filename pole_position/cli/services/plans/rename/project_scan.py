"""The project's Python files that hold any of some words, found in a child process.

A rename must look at every Python file for imports of the module, so its cost
would grow with the project. The command starts this scan as a separate
process before it imports its planning modules (LibCST among them, a quarter of
a second of pure Python), so it runs on another core and is done when the plan
needs it. A thread would not do: the scan is thousands of short system calls,
and a thread waits for the GIL after each one while the main thread computes.

The child runs `scan_child.py` as a script (`python -I -S`), which imports only
`os` and `sys`; it is started with `os.posix_spawn` and read through a pipe, so
neither process imports `subprocess` (signal, threading, selectors) or `json`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field

from pole_position.cli.services.plans.rename import scan_child
from pole_position.cli.services.plans.rename.scan_child import python_files, read_bytes

__all__ = ["ProjectScan", "ScanResult", "python_files", "read_bytes", "scan"]

_SIGKILL = 9  # POSIX's value; `import signal` only for its name costs more


@dataclass
class ScanResult:
    """The files holding a word, and the files that could not be read."""

    hits: list[str] = field(default_factory=list)
    # path -> the system's reason, in walk order
    unreadable: dict[str, str] = field(default_factory=dict)


def scan(root: str, words: tuple[str, ...]) -> ScanResult:
    """The Python files under `root` whose bytes hold any of `words`."""
    hits, unreadable = scan_child.scan_files(root, words)
    return ScanResult(hits, unreadable)


class ProjectScan:
    """`scan(root, words)`, running in a child process from construction on."""

    def __init__(self, root: str, words: tuple[str, ...]) -> None:
        self.root = root
        self.words = words
        self._result: ScanResult | None = None
        self._child: int | None = None  # the child's process id
        self._output: int | None = None  # the read end of its stdout
        script = scan_child.__file__
        spawn = getattr(os, "posix_spawn", None)
        if spawn is None or not script or not os.path.isfile(script):
            return
        if not sys.executable:
            return
        reading, writing = os.pipe()  # both non-inheritable (PEP 446)
        try:
            self._child = spawn(
                sys.executable,
                [sys.executable, "-I", "-S", script, root, *words],
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, writing, 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
            )
        except OSError:
            os.close(reading)  # no child, no harm: `result` scans here
        else:
            self._output = reading
        finally:
            os.close(writing)

    def result(self) -> ScanResult:
        """The scan's result; scanned in this process if the child failed."""
        if self._result is None:
            self._result = self._from_child() or scan(self.root, self.words)
        return self._result

    def close(self) -> None:
        """Stop a child whose result nobody asked for (the command refused early)."""
        if self._child is not None:
            with contextlib.suppress(OSError):  # it had already ended
                os.kill(self._child, _SIGKILL)
        self._collect()

    def _collect(self) -> tuple[bytes, int] | None:
        """The child's output and exit code once it ended; None without a child."""
        child, output = self._child, self._output
        self._child = self._output = None
        if child is None or output is None:
            return None
        chunks = []
        try:
            while chunk := os.read(output, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(output)
        _, status = os.waitpid(child, 0)
        return b"".join(chunks), os.waitstatus_to_exitcode(status)

    def _from_child(self) -> ScanResult | None:
        ended = self._collect()
        if ended is None or ended[1] != 0:
            return None
        found = scan_child.decode(ended[0])
        return None if found is None else ScanResult(*found)
