"""Containment: every path PolePosition reads from a manifest, a lock or an argument
stays inside the project root.

Two levels, one module. `path_problem` is lexical and needs no file system, so
the lock and manifest readers use it while parsing. `contained` also resolves
symbolic links and compares the result with the resolved root, so the change
set can refuse a write or a delete that a link would lead outside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

# The longest file name (one path component) common file systems accept, in bytes.
NAME_MAX = 255


class PathEscape(ValueError):
    """A path that would lead outside the project root, or cannot be a path at all."""


def path_problem(path: str) -> str | None:
    """Why `path` is not a safe relative project path, or None when it is."""
    if not path or path.strip() != path:
        return "is empty or has surrounding whitespace"
    if "\0" in path or "\\" in path:
        return "contains a NUL byte or a backslash"
    # A leading "/" is what makes a POSIX path absolute (PurePosixPath agrees);
    # the check runs for every path of a big lock, where pathlib cost 10 µs each.
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "is absolute"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "is not a plain relative path (it has '..', '.' or an empty part)"
    if any(len(part.encode("utf-8", "surrogatepass")) > NAME_MAX for part in parts):
        return f"has a part longer than {NAME_MAX} bytes"
    return None


def name_problem(name: str) -> str | None:
    """Why `name` cannot be one folder or file name inside the project, or None."""
    if "/" in name:
        return "contains a path separator"
    return path_problem(name)


def contained(root: Path, path: str, base: Path | None = None) -> Path:
    """`root / path`, after proving that it stays inside `root` once links resolve.

    Raises `PathEscape` for a lexically unsafe path, or one whose resolved
    location (following every symbolic link on the way) is outside the root.
    `base` is `root` resolved, when the caller checks many paths of one root.
    """
    problem = path_problem(path)
    if problem is not None:
        raise PathEscape(f"{path!r} {problem}")
    if base is None:
        base = Path(os.path.realpath(root))
    try:
        resolved = Path(os.path.realpath(root / path))
    except (OSError, ValueError) as exc:
        raise PathEscape(f"{path!r} cannot be resolved ({exc})") from None
    if resolved != base and base not in resolved.parents:
        raise PathEscape(f"{path!r} leads outside the project (to {resolved})")
    return root / path


class Containment:
    """`contained` for many paths under one root, resolving each folder once.

    A path whose last part is not a link resolves to its resolved parent plus
    that part, so checking 200 module folders costs 200 `lstat` calls instead
    of 200 walks of the whole path.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base = os.path.realpath(root)
        self._resolved: dict[str, str] = {"": self._base}
        self.links: set[str] = set()  # checked paths whose last part is a link

    def _resolve(self, path: str) -> str:
        if path in self._resolved:
            return self._resolved[path]
        parent, _, name = path.rpartition("/")
        full = os.path.join(self.root, path)
        try:
            linked = os.path.islink(full)
        except ValueError:
            linked = True  # let realpath raise what it raises
        if linked:
            self.links.add(path)
            resolved = os.path.realpath(full)
        else:
            resolved = os.path.join(self._resolve(parent), name)
        self._resolved[path] = resolved
        return resolved

    def check(self, path: str) -> Path:
        """`root / path`; `PathEscape` exactly when `contained` would raise it."""
        problem = path_problem(path)
        if problem is not None:
            raise PathEscape(f"{path!r} {problem}")
        try:
            resolved = self._resolve(path)
        except (OSError, ValueError) as exc:
            raise PathEscape(f"{path!r} cannot be resolved ({exc})") from None
        base = self._base
        if resolved != base and not resolved.startswith(base.rstrip("/") + "/"):
            raise PathEscape(f"{path!r} leads outside the project (to {resolved})")
        return self.root / path


def is_link(root: Path, path: str) -> bool:
    """True when the file at `path` (its last part) is itself a symbolic link."""
    try:
        return (root / path).is_symlink()
    except OSError:
        return False
