"""`codemods.digest` gives hashlib's SHA-256 digests without importing hashlib."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from codemods.digest import blake2b_hex, sha256_hex
from codemods.lockfile import content_hash
from tests.codemods._support import printed_by


@given(st.binary(max_size=4096))
def test_the_digests_are_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    for size in (16, 20):
        assert (
            blake2b_hex(data, size)
            == hashlib.blake2b(data, digest_size=size).hexdigest()
        )


def test_known_digests_and_the_lock_hash() -> None:
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert sha256_hex(b"") == empty
    large = bytes(range(256)) * 1024  # past any one-block shortcut
    assert sha256_hex(large) == hashlib.sha256(large).hexdigest()
    text = "café = 1\r\n"
    assert (
        content_hash(text)
        == "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    )
    assert content_hash(text) == content_hash(text.encode("utf-8"))


def test_hashing_does_not_import_hashlib() -> None:
    # OpenSSL's start-up is what the module exists to avoid (CPython ships its
    # own SHA-256 on every platform this tool supports).
    script = (
        "import sys\n"
        "from codemods.digest import blake2b_hex, sha256_hex\n"
        "sha256_hex(b'x')\n"
        "blake2b_hex(b'x', 20)\n"
        "print(sorted(m for m in sys.modules if 'hashlib' in m))\n"
    )
    assert printed_by(script) == "[]"
