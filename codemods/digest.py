"""SHA-256 hex digests without paying for OpenSSL at start-up.

`import hashlib` loads OpenSSL's `_hashlib` (about 3 ms), more than a command
spends hashing: the texts it hashes (generated files, a journal's pre-images)
are small. CPython's own SHA-256 (`_sha2` from 3.12, `_sha256` before) loads
in a fraction of that and gives the same digest; hashlib is the fallback for an
interpreter built without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol


class _Hash(Protocol):
    def hexdigest(self) -> str: ...


def _constructor() -> Callable[[bytes], _Hash]:
    for name in ("_sha2", "_sha256"):
        try:
            constructor: Callable[[bytes], _Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    import hashlib

    return hashlib.sha256


_sha256 = _constructor()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` as hex, exactly as `hashlib.sha256` gives it."""
    return _sha256(data).hexdigest()
