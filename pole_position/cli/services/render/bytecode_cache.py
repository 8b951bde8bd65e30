"""Keep compiled Jinja templates between runs, under the user's cache directory.

Compiling the templates of one command costs more than loading them: a template's
code is stored in `$XDG_CACHE_HOME/poleposition/jinja/<polepos>-<jinja>/` (default
`~/.cache`), and used again only while the header matches: Jinja's bytecode
format and Python version, then the SHA-1 of the template source Jinja computes.
A missing, unwritable, stale or corrupt entry only means compiling again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import types
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, bc_magic

from pole_position import __version__

CACHE_ENV = "XDG_CACHE_HOME"


def cache_directory() -> Path:
    """Where compiled templates of this polepos and Jinja version are kept."""
    base = os.environ.get(CACHE_ENV, "")
    # The XDG spec says to ignore a relative path.
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "poleposition" / "jinja" / f"{__version__}-{jinja2.__version__}"


def _header(bucket: Bucket) -> bytes:
    return bc_magic + bucket.checksum.encode("ascii") + b"\n"


class UserBytecodeCache(jinja2.BytecodeCache):
    """One file per template name; the header decides whether it is still valid."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load the code of `bucket` when the stored header matches, else nothing."""
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        header = _header(bucket)
        if not data.startswith(header):
            return
        try:
            code = marshal.loads(data[len(header) :])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store the code of `bucket`; a cache that cannot be written is skipped."""
        if bucket.code is None:
            return
        data = _header(bucket) + marshal.dumps(bucket.code)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a concurrent reader sees all of a file or none.
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self._path(bucket))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """A file name for template `name` (the loader's `filename` is left out)."""
        return hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]


def user_bytecode_cache() -> UserBytecodeCache:
    """The cache of compiled templates for this user, polepos and Jinja version."""
    return UserBytecodeCache(cache_directory())
