"""SHA-256 and BLAKE2b hex digests without paying for OpenSSL at start-up.

`import hashlib` loads OpenSSL's `_hashlib` (about 3 ms), more than a command
spends hashing: the texts it hashes (generated files, a journal's pre-images,
the check cache's keys) are small. CPython's own SHA-256 (`_sha2` from 3.12,
`_sha256` before) and BLAKE2 (`_blake2`, which hashlib itself serves blake2b
from) load in a fraction of that and give the same digests; hashlib is the
fallback for an interpreter built without them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol


class _Hash(Protocol):
    def hexdigest(self) -> str: ...


def _sha256_constructor() -> Callable[[bytes], _Hash]:
    for name in ("_sha2", "_sha256"):
        try:
            constructor: Callable[[bytes], _Hash] = importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
        return constructor
    import hashlib

    return hashlib.sha256


_sha256 = _sha256_constructor()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` as hex, exactly as `hashlib.sha256` gives it."""
    return _sha256(data).hexdigest()


def blake2b_hex(data: bytes, digest_size: int) -> str:
    """The BLAKE2b digest of `data` as hex, exactly as `hashlib.blake2b` gives it."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always builds _blake2
        from hashlib import blake2b
    return blake2b(data, digest_size=digest_size).hexdigest()
