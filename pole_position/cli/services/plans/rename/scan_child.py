"""The importer search itself: Python files holding a word, with `os` and `sys` only.

`ProjectScan` runs this file as a script in a child process
(`python -I -S scan_child.py ROOT WORD...`). The child's start-up is part of
what the rename pays for on a loaded machine, so it imports nothing beyond
`os` and `sys` (json, subprocess and dataclasses cost it three times its
interpreter's start). It writes NUL-separated records, which no path holds:
`H path` for a file holding a word, `U path reason` for one it cannot read,
and `E` once it has written them all.
"""

import os
import sys

SKIPPED_DIRS = frozenset(
    {"__pycache__", "node_modules", "venv", "site", "build", "dist"}
)
HIT = b"H"
UNREADABLE = b"U"
END = b"E"


def _name(entry: "os.DirEntry[str]") -> str:
    return entry.name


def python_files(root: str) -> "list[str]":
    """Every Python file under `root` (relative, `/`-separated), in `os.walk`
    order, hidden folders, caches and environments aside."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=_name)
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


def scan_files(
    root: str, words: "tuple[str, ...]"
) -> "tuple[list[str], dict[str, str]]":
    """The Python files under `root` whose bytes hold any of `words`, and the
    files that could not be read (path -> the system's reason), in walk order."""
    tokens = [word.encode() for word in words]
    hits: list[str] = []
    unreadable: dict[str, str] = {}
    for path in python_files(root):
        try:
            data = read_bytes(root, path)
        except OSError as exc:
            unreadable[path] = exc.strerror or type(exc).__name__
            continue
        for token in tokens:
            if token in data:
                hits.append(path)
                break
    return hits, unreadable


def encode(hits: "list[str]", unreadable: "dict[str, str]") -> bytes:
    """The records the child writes for a scan's result."""
    fields = []
    for path in hits:
        fields += [HIT, os.fsencode(path)]
    for path, reason in unreadable.items():
        fields += [UNREADABLE, os.fsencode(path), os.fsencode(reason)]
    fields.append(END)
    return b"\0".join(fields) + b"\0"


def decode(data: bytes) -> "tuple[list[str], dict[str, str]] | None":
    """A scan's result from the child's records; None unless they are whole."""
    fields = data.split(b"\0")
    if fields[-2:] != [END, b""]:
        return None
    hits: list[str] = []
    unreadable: dict[str, str] = {}
    index, stop = 0, len(fields) - 2
    while index < stop:
        kind = fields[index]
        if kind == HIT and index + 1 < stop:
            hits.append(os.fsdecode(fields[index + 1]))
            index += 2
        elif kind == UNREADABLE and index + 2 < stop:
            path = os.fsdecode(fields[index + 1])
            unreadable[path] = os.fsdecode(fields[index + 2])
            index += 3
        else:
            return None
    return hits, unreadable


def main(argv: "list[str]") -> int:
    """The child's entry point: `ROOT WORD...` in, the records out."""
    result = encode(*scan_files(argv[0], tuple(argv[1:])))
    out = sys.stdout.buffer
    out.write(result)
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
