"""Containment: no path from the manifest, the lock or an argument leads outside the
project root, through `..`, an absolute path or a symbolic link (SPEC section 13)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from codemods.containment import PathEscape, contained, path_problem
from pole_position.cli.errors import Refused
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.locate import locate_project
from tests.conftest import Runner, tree_digest
from tests.safety._support import assert_one_line

EVIL_LOCK = """
[modules.evil]
template = "standard"

[modules.evil.files]
{path} = "{digest}"
"""


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim" / "important.txt"
    victim.parent.mkdir()
    victim.write_text("precious\n")
    return victim


def _record_evil(shop: Path, path: str, victim: Path) -> None:
    from codemods.lockfile import content_hash

    lock = shop / ".poleposition.lock"
    entry = EVIL_LOCK.format(path=f'"{path}"', digest=content_hash(victim.read_bytes()))
    lock.write_text(lock.read_text() + entry)
    manifest = shop / ".poleposition.toml"
    text = manifest.read_text().replace(
        'notes = "standard"\n', 'notes = "standard"\nevil = "standard"\n'
    )
    manifest.write_text(text)


@pytest.mark.parametrize("spelling", ["relative", "absolute"])
@pytest.mark.parametrize("flags", [(), ("--force",), ("--wiring-only", "--force")])
def test_a_lock_path_outside_the_root_is_never_deleted(
    polepos: Runner, shop: Path, tmp_path: Path, spelling: str, flags: tuple[str, ...]
) -> None:
    victim = _victim(tmp_path)
    path = "../victim/important.txt" if spelling == "relative" else str(victim)
    if "--wiring-only" in flags:
        path = "tests/../../victim/important.txt" if spelling == "relative" else path
    _record_evil(shop, path, victim)
    before = tree_digest(shop)
    line = assert_one_line(polepos("remove", "module", "evil", *flags))
    assert "victim/important.txt" in line
    assert "never touches a path outside" in line
    assert victim.read_text() == "precious\n"
    assert tree_digest(shop) == before


def test_check_reports_a_lock_path_outside_the_root(
    polepos: Runner, shop: Path, tmp_path: Path
) -> None:
    victim = _victim(tmp_path)
    _record_evil(shop, "../victim/important.txt", victim)
    result = polepos("check")
    assert result.exit_code == 1
    assert "PP030 error" in result.stdout
    assert "'../victim/important.txt'" in result.stdout


def test_a_module_folder_linked_outside_the_root_is_never_deleted(
    polepos: Runner, shop: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside" / "evil"
    outside.mkdir(parents=True)
    (outside / "router.py").write_text("precious = True\n")
    (shop / "src/shop/modules/evil").symlink_to(outside, target_is_directory=True)
    manifest = shop / ".poleposition.toml"
    manifest.write_text(
        manifest.read_text().replace(
            "[integrations]", 'evil = "standard"\n\n[integrations]'
        )
    )
    before = tree_digest(shop)
    line = assert_one_line(polepos("remove", "module", "evil", "--force"))
    assert "leads outside the project" in line
    assert (outside / "router.py").read_text() == "precious = True\n"
    assert tree_digest(shop) == before
    assert "PP030 error" in polepos("check").stdout


def test_a_test_file_linked_outside_the_root_is_not_deleted_by_wiring_only(
    polepos: Runner, shop: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    os.rename(shop / "tests/unit", outside)  # the generated test now lives outside
    (shop / "tests/unit").symlink_to(outside, target_is_directory=True)
    before = tree_digest(shop)
    line = assert_one_line(
        polepos("remove", "module", "notes", "--wiring-only", "--force")
    )
    assert "outside the project" in line
    assert (outside / "test_notes_service.py").is_file()
    assert tree_digest(shop) == before


def test_delete_refuses_a_linked_project_folder(polepos: Runner, shop: Path) -> None:
    parent = shop.parent
    (parent / "linkproj").symlink_to(shop, target_is_directory=True)
    before = tree_digest(shop)
    line = assert_one_line(polepos("delete", "linkproj", "--force", cwd=parent))
    assert "symbolic link" in line
    assert tree_digest(shop) == before
    assert (parent / "linkproj").is_symlink()


def test_delete_refuses_a_folder_whose_manifest_is_a_link(
    polepos: Runner, shop: Path
) -> None:
    parent = shop.parent
    fake = parent / "fake"
    fake.mkdir()
    (fake / "keep.txt").write_text("mine\n")
    (fake / ".poleposition.toml").symlink_to(shop / ".poleposition.toml")
    line = assert_one_line(polepos("delete", "fake", "--force", cwd=parent))
    assert ".poleposition.toml is a symbolic link" in line
    assert (fake / "keep.txt").read_text() == "mine\n"


def test_a_linked_manifest_does_not_make_a_project(shop: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / ".poleposition.toml").symlink_to(shop / ".poleposition.toml")
    with pytest.raises(Refused, match="no PolePosition project"):
        locate_project(other)
    assert locate_project(shop).root == shop.resolve()


@pytest.mark.parametrize(
    "path",
    ["", "../x", "a/../../x", "/etc/passwd", "C:/x", "a\\b", "./a", "a//b", "x" * 256],
)
def test_unsafe_paths_are_refused_lexically(tmp_path: Path, path: str) -> None:
    assert path_problem(path) is not None
    with pytest.raises(PathEscape):
        contained(tmp_path, path)


@pytest.mark.parametrize("action", ["create", "delete", "apply", "delete_tree"])
def test_the_change_set_refuses_every_path_outside_the_root(
    tmp_path: Path, action: str
) -> None:
    root = tmp_path / "root"
    (root / "src").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (root / "src" / "out").symlink_to(tmp_path / "outside", target_is_directory=True)
    changes = ChangeSet(root)
    act: Callable[[str], object] = {
        "create": lambda path: changes.create(path, "x = 1\n"),
        "delete": changes.delete,
        "delete_tree": changes.delete_tree,
        "apply": lambda path: changes.apply(path, []),
    }[action]
    for path in ("../escape.py", "src/out/x.py"):
        with pytest.raises(Refused, match=r"outside the project|not a plain"):
            act(path)
    assert not any((tmp_path / "outside").iterdir())


def test_containment_probe_agrees_with_contained(tmp_path: Path) -> None:
    """The check's batch probe raises exactly when `contained` does, same message."""
    from codemods.containment import Containment

    root = tmp_path / "root"
    (root / "src" / "pkg" / "modules" / "inside").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    modules = root / "src" / "pkg" / "modules"
    os.symlink(outside, modules / "escape")
    os.symlink(modules / "inside", modules / "alias")
    os.symlink(root / "src", root / "linked-src")
    (modules / "file.py").write_text("x = 1\n")
    os.symlink(modules / "file.py", modules / "link.py")
    paths = [
        "src/pkg/modules/inside",
        "src/pkg/modules/escape",
        "src/pkg/modules/escape/deeper",
        "src/pkg/modules/alias",
        "src/pkg/modules/missing/x.py",
        "linked-src/pkg/modules/escape",
        "linked-src/pkg/modules/inside",
        "src/pkg/modules/link.py",
        "src/pkg/modules/file.py/under-a-file",
        "../outside",
        "src/./pkg",
    ]
    probe = Containment(root)
    for path in paths:
        try:
            expected: object = contained(root, path)
        except PathEscape as exc:
            expected = str(exc)
        try:
            got: object = probe.check(path)
        except PathEscape as exc:
            got = str(exc)
        assert got == expected, path
    assert probe.links >= {"src/pkg/modules/escape", "src/pkg/modules/link.py"}
    assert "src/pkg/modules/inside" not in probe.links
