"""The project's Python files that hold any of some words, found in a child process.

A rename must look at every Python file for imports of the module, so its cost
would grow with the project. The command starts this scan as a separate
process before it imports its planning modules (LibCST among them, a quarter of
a second of pure Python), so it runs on another core and is done when the plan
needs it. A thread would not do: the scan is thousands of short system calls,
and a thread waits for the GIL after each one while the main thread computes.

This module imports only the standard library: the child runs it as a script
(`python -I -S project_scan.py ROOT WORD...`) and prints JSON.
"""

from __future__ import annotations

import json
import operator
import os
import subprocess
import sys
from dataclasses import dataclass, field

SKIPPED_DIRS = frozenset(
    {"__pycache__", "node_modules", "venv", "site", "build", "dist"}
)

_NAME_OF = operator.attrgetter("name")  # a sort key without a Python call per entry


def python_files(root: str) -> list[str]:
    """Every Python file under `root` (relative, `/`-separated), in `os.walk`
    order, hidden folders, caches and environments aside."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_NAME_OF)
        except OSError:
            return  # an unreadable folder holds nothing we could rewrite (as os.walk)
        subdirs = []
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith(".") and entry.name not in SKIPPED_DIRS:
                    subdirs.append(entry)
            elif entry.name.endswith(".py") and not entry.is_dir():
                found.append(prefix + entry.name)
        # Files first, then each folder: the order `os.walk` gives.
        for entry in subdirs:
            walk(entry.path, f"{prefix}{entry.name}/")

    walk(root, "")
    return found


def read_bytes(root: str, path: str) -> bytes:
    """The file's bytes; OSError when it cannot be read."""
    # Every Python file of the project is read once per rename: plain
    # descriptors cost a third less than Path or buffered file objects.
    descriptor = os.open(os.path.join(root, path), os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(descriptor)
    return b"".join(chunks)


@dataclass
class ScanResult:
    """The files holding a word, and the files that could not be read."""

    hits: list[str] = field(default_factory=list)
    # path -> the system's reason, in walk order
    unreadable: dict[str, str] = field(default_factory=dict)


def scan(root: str, words: tuple[str, ...]) -> ScanResult:
    """The Python files under `root` whose bytes hold any of `words`."""
    tokens = [word.encode() for word in words]
    result = ScanResult()
    for path in python_files(root):
        try:
            data = read_bytes(root, path)
        except OSError as exc:
            result.unreadable[path] = exc.strerror or type(exc).__name__
            continue
        for token in tokens:
            if token in data:
                result.hits.append(path)
                break
    return result


class ProjectScan:
    """`scan(root, words)`, running in a child process from construction on."""

    def __init__(self, root: str, words: tuple[str, ...]) -> None:
        self.root = root
        self.words = words
        self._result: ScanResult | None = None
        self._child: subprocess.Popen[bytes] | None = None
        if os.path.isfile(__file__) and sys.executable:
            try:
                self._child = subprocess.Popen(
                    [sys.executable, "-I", "-S", __file__, root, *words],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                self._child = None  # no child, no harm: `result` scans here

    def result(self) -> ScanResult:
        """The scan's result; scanned in this process if the child failed."""
        if self._result is None:
            self._result = self._from_child() or scan(self.root, self.words)
        return self._result

    def close(self) -> None:
        """Stop a child whose result nobody asked for (the command refused early)."""
        child, self._child = self._child, None
        if child is not None:
            child.kill()
            child.communicate()

    def _from_child(self) -> ScanResult | None:
        child, self._child = self._child, None
        if child is None:
            return None
        output, _ = child.communicate()
        if child.returncode != 0:
            return None
        try:
            data = json.loads(output)
            return ScanResult(
                hits=[str(p) for p in data["hits"]],
                unreadable={str(k): str(v) for k, v in data["unreadable"].items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def main(argv: list[str]) -> int:
    """The child's entry point: `ROOT WORD...` in, the result as JSON out."""
    found = scan(argv[0], tuple(argv[1:]))
    sys.stdout.write(json.dumps({"hits": found.hits, "unreadable": found.unreadable}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
