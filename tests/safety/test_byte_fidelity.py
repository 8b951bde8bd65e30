"""Byte fidelity at the edges: a UTF-8 byte-order mark, CRLF in the manifest and the
lock, and managed files that are symbolic links (SPEC G1, G3 and section 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest
from tests.safety._support import assert_one_line

BOM = b"\xef\xbb\xbf"
PACKAGE_FILES = (
    "src/shop/api/router.py",
    "src/shop/db/models.py",
    "src/shop/modules/__init__.py",
    "src/shop/settings.py",
)
ROOT_FILES = (
    ".env.example",
    "pyproject.toml",
    ".poleposition.toml",
    ".poleposition.lock",
)
MANAGED = PACKAGE_FILES + ROOT_FILES

# What each add touches, and the command that undoes it.
ROUNDTRIPS = {
    "module": (("add", "module", "orders"), ("remove", "module", "orders")),
    "integration": (
        ("add", "integration", "redis"),
        ("remove", "integration", "redis"),
    ),
    "auth": (("add", "auth"), ("remove", "auth")),
}


def _snapshot(root: Path) -> dict[str, bytes]:
    return {path: (root / path).read_bytes() for path in MANAGED}


@pytest.mark.parametrize("feature", sorted(ROUNDTRIPS))
def test_a_byte_order_mark_survives_add_and_remove(
    polepos: Runner, shop: Path, feature: str
) -> None:
    for path in MANAGED:
        target = shop / path
        target.write_bytes(BOM + target.read_bytes())
    before = tree_digest(shop)
    original = _snapshot(shop)
    add, remove = ROUNDTRIPS[feature]
    assert polepos(*add).exit_code == 0
    added = _snapshot(shop)
    changed = [path for path in MANAGED if added[path] != original[path]]
    assert ".poleposition.toml" in changed
    assert len(changed) >= 3
    for path in MANAGED:  # the add itself keeps every mark
        assert added[path].startswith(BOM), path
        assert not added[path][3:].startswith(BOM), path
    check = polepos("check")
    assert check.exit_code == 0, check.stdout
    assert polepos(*remove).exit_code == 0
    assert tree_digest(shop) == before


@pytest.mark.parametrize("feature", sorted(ROUNDTRIPS))
def test_crlf_in_manifest_and_lock_survives_add_and_remove(
    polepos: Runner, shop: Path, feature: str
) -> None:
    for path in (".poleposition.toml", ".poleposition.lock"):
        target = shop / path
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    before = tree_digest(shop)
    add, remove = ROUNDTRIPS[feature]
    assert polepos(*add).exit_code == 0
    for path in (".poleposition.toml", ".poleposition.lock"):
        data = (shop / path).read_bytes()
        assert data.count(b"\n") == data.count(b"\r\n"), path
    assert polepos("check").exit_code == 0
    assert polepos(*remove).exit_code == 0
    assert tree_digest(shop) == before


def test_crlf_survives_detaching_a_module(polepos: Runner, shop: Path) -> None:
    for path in (".poleposition.toml", ".poleposition.lock"):
        target = shop / path
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    assert polepos("remove", "module", "notes", "--wiring-only").exit_code == 0
    for path in (".poleposition.toml", ".poleposition.lock"):
        data = (shop / path).read_bytes()
        assert b"\r\n" in data, path
        assert data.count(b"\n") == data.count(b"\r\n"), path
    assert b"[detached]\r\nnotes" in (shop / ".poleposition.toml").read_bytes()


def test_a_lock_recorded_with_crlf_renders_with_crlf() -> None:
    from codemods.lockfile import GeneratedFiles, LockFormat

    lock = LockFormat()
    text = lock.render(lock.parse("")).replace("\n", "\r\n")
    document = lock.parse(text)
    entry = GeneratedFiles("modules", "a", (("src/p/a.py", "sha256:0"),), "standard")
    applied = lock.render(entry.apply(document))
    assert applied.count("\n") == applied.count("\r\n") > 3
    assert lock.render(entry.invert(lock.parse(applied))) == text


@pytest.mark.parametrize("path", MANAGED)
def test_a_managed_file_that_is_a_link_is_refused_never_replaced(
    polepos: Runner, shop: Path, path: str
) -> None:
    # Decision: refuse. Writing through would edit a file PolePosition does not
    # own; replacing would silently turn the link into a copy.
    target = shop / path
    real = target.with_name(target.name + ".real")
    target.rename(real)
    target.symlink_to(real.name)
    before = tree_digest(shop)
    add = (
        "integration"
        if path in ("src/shop/settings.py", ".env.example", "pyproject.toml")
        else "module"
    )
    command = (
        ("add", "integration", "redis")
        if add == "integration"
        else ("add", "module", "orders")
    )
    result = polepos(*command)
    if path == ".poleposition.toml":
        # A linked manifest does not make a project: the folder is not recognised.
        assert_one_line(result)
    else:
        line = assert_one_line(result)
        assert f"{path} is a symbolic link" in line
        assert f"PP033 error: {path} is a symbolic link" in polepos("check").stdout
    assert target.is_symlink()
    assert tree_digest(shop) == before
