"""The check cache: per-file results kept between runs, keyed by content hash.

`polepos check` spends its time parsing (LibCST for the wiring files, `ast`
for every module file). Each cached result is keyed by the step that made it,
the step's other inputs (package, database mode, recorded modules) and the
content hash of every file the step read, so a file whose bytes have not
changed is not parsed again and a changed one always is. The whole cache is
dropped when the polepos version or `RULES_VERSION` differs.

It lives in the user's cache directory (`$XDG_CACHE_HOME/polepos/check`, else
`~/.cache/polepos/check`), one JSON file per project root, rather than in the
project: `check` then never writes into the tree it diagnoses (no file to
git-ignore, nothing to wire, remove(add(x)) stays byte-for-byte), and a
read-only checkout can still be checked warm. A missing, corrupt or unwritable
cache is ignored and rebuilt silently; it only ever costs a cold run.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from codemods.digest import blake2b_hex, sha256_hex

# Bump when a check's logic changes in a way a cached result would hide
# (a released polepos version already invalidates everything).
RULES_VERSION = 1

MISS = object()


def cache_folder() -> Path:
    """Where check caches live: `$XDG_CACHE_HOME/polepos/check` or `~/.cache/...`."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "polepos" / "check"


def cache_path(project_root: Path) -> Path:
    """The cache file of one project, named by a hash of its resolved root."""
    name = sha256_hex(str(project_root.resolve()).encode())[:32]
    return cache_folder() / f"{name}.json"


def _stamp() -> dict[str, object]:
    from pole_position import __version__

    return {"polepos": __version__, "rules": RULES_VERSION}


class CheckCache:
    """Results of one project's previous check, and those of this run."""

    def __init__(self, path: Path, entries: dict[str, object]) -> None:
        self.path = path
        self._previous = entries
        self._current: dict[str, object] = {}
        self.misses = 0

    @classmethod
    def load(cls, project_root: Path) -> CheckCache:
        """The project's cache, or an empty one when absent, stale or unreadable."""
        path = cache_path(project_root)
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return cls(path, {})
        stamp_ok = isinstance(data, dict) and all(
            data.get(key) == value for key, value in _stamp().items()
        )
        entries = data.get("entries") if stamp_ok else None
        return cls(path, entries if isinstance(entries, dict) else {})

    @staticmethod
    def key(*parts: object) -> str:
        """A stable key for a step's inputs (JSON, then hashed to stay short)."""
        text = json.dumps(parts, sort_keys=True, separators=(",", ":"))
        return blake2b_hex(text.encode(), digest_size=20)

    def get(self, key: str) -> object:
        """The cached value under `key`, or `MISS`."""
        if key in self._current:
            return self._current[key]
        if key in self._previous:
            value = self._previous[key]
            self._current[key] = value
            return value
        return MISS

    def put(self, key: str, value: object) -> None:
        """Record a result computed in this run."""
        self.misses += 1
        self._current[key] = value

    def save(self) -> None:
        """Write this run's results (only those it used), atomically; never raises.

        Keeping only what this run used bounds the file by the project's size.
        Concurrent checks each replace the whole file, so a reader sees one
        complete run's results, never a mix.
        """
        if not self.misses and self._current.keys() == self._previous.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # What tempfile.mkstemp does, without importing tempfile (with
            # shutil and random, a tenth of a cold one-module check's imports):
            # a fresh random name, created exclusively, readable by its owner.
            temporary = self.path.parent / f".tmp-{os.urandom(8).hex()}.json"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                # json.dumps, not json.dump: only the one-shot encoder is in C,
                # and a 200-module cache took the streaming one 0.1 s to write.
                text = json.dumps(
                    {**_stamp(), "entries": self._current}, separators=(",", ":")
                )
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs the next run's time


def forget(project_root: Path) -> None:
    """Drop a project's cache (after `check --fix` changed the project)."""
    with contextlib.suppress(OSError):
        cache_path(project_root).unlink(missing_ok=True)
