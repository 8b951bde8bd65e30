"""Layout round trip: the default layout written out as `[layout]` changes nothing.

Two copies of one generated project, one with the manifest's `[layout]` table
spelled out in full (`Layout.to_table()`), run the same commands: every plan
(`--diff`) and every resulting byte (the manifest aside from its `[layout]`
table) must be the same, and so must `check`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomlkit

from codemods.layout import MANIFEST_FILE, Layout
from tests.conftest import Runner, tree_digest

TEMPLATES = ["standard", "crud", "ai-prompt", "api-only", "service-only"]


def _explicit_suffix(package: str, db: str) -> str:
    table = tomlkit.table()
    for key, value in Layout.default(package, db).to_table().items():
        table[key] = value
    document = tomlkit.document()
    document["layout"] = table
    return "\n" + tomlkit.dumps(document)


@pytest.fixture
def twins(polepos: Runner, tmp_path: Path) -> tuple[Path, Path, str]:
    """(implicit, explicit) copies of a fresh sqlite project and the added suffix."""
    made = polepos("start", "shop-api", cwd=tmp_path)
    assert made.exit_code == 0, made.stderr
    implicit = tmp_path / "shop-api"
    explicit = tmp_path / "explicit" / "shop-api"
    shutil.copytree(implicit, explicit, symlinks=True)
    suffix = _explicit_suffix("shop_api", "sqlite")
    manifest = explicit / MANIFEST_FILE
    manifest.write_text(manifest.read_text(encoding="utf-8") + suffix, "utf-8")
    return implicit, explicit, suffix


def _same_trees(implicit: Path, explicit: Path, suffix: str) -> None:
    left, right = tree_digest(implicit), tree_digest(explicit)
    assert set(left) == set(right)
    differing = sorted(path for path in left if left[path] != right[path])
    assert differing == [MANIFEST_FILE]
    with_table = (explicit / MANIFEST_FILE).read_text(encoding="utf-8")
    assert with_table == (implicit / MANIFEST_FILE).read_text("utf-8") + suffix


def _plan(diff: str) -> dict[str, list[str]]:
    """A `--diff` output by file; the manifest's sections keep only their changed
    lines, since the `[layout]` table below them shifts their hunk context."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in diff.splitlines():
        if line.startswith("--- "):
            current = line
        sections.setdefault(current, []).append(line)
    for name, lines in sections.items():
        if MANIFEST_FILE in name:
            sections[name] = [
                line
                for line in lines
                if line[:1] in "+-" and not line.startswith(("+++", "---"))
            ]
    return sections


def _both(
    polepos: Runner, implicit: Path, explicit: Path, *args: str
) -> tuple[str, str]:
    """Run one command in both projects; the exit codes must agree. Output is
    returned with each project's own location replaced, so it compares."""
    first = polepos(*args, cwd=implicit)
    second = polepos(*args, cwd=explicit)
    assert first.exit_code == second.exit_code == 0, first.stderr + second.stderr
    return (
        first.stdout.replace(str(implicit), "<root>"),
        second.stdout.replace(str(explicit), "<root>"),
    )


def test_explicit_default_layout_is_read_as_the_default(
    twins: tuple[Path, Path, str],
) -> None:
    from codemods.manifest import read_manifest

    _, explicit, _ = twins
    manifest = read_manifest((explicit / MANIFEST_FILE).read_text("utf-8"))
    assert manifest.errors == []
    assert manifest.layout == Layout.default("shop_api", "sqlite")


def test_explicit_default_layout_behaves_like_the_implicit_one(
    polepos: Runner, twins: tuple[Path, Path, str]
) -> None:
    implicit, explicit, suffix = twins
    left, right = _both(polepos, implicit, explicit, "check")
    assert left == right
    for template in TEMPLATES:
        name = f"{template.replace('-', '_')}_things"
        add = ("add", "module", name, "--template", template, "--no-install")
        left, right = _both(polepos, implicit, explicit, *add, "--diff")
        assert _plan(left) == _plan(right), f"plans differ for {template}"
        _both(polepos, implicit, explicit, *add)
        _same_trees(implicit, explicit, suffix)
        left, right = _both(polepos, implicit, explicit, "check")
        assert left == right
        _both(polepos, implicit, explicit, "remove", "module", name, "--no-install")
        _same_trees(implicit, explicit, suffix)

    integration = ("add", "integration", "redis", "--no-install")
    left, right = _both(polepos, implicit, explicit, *integration, "--diff")
    assert _plan(left) == _plan(right)
    _both(polepos, implicit, explicit, *integration)
    _same_trees(implicit, explicit, suffix)
    left, right = _both(polepos, implicit, explicit, "check")
    assert left == right
    _both(polepos, implicit, explicit, "remove", "integration", "redis", "--no-install")
    _same_trees(implicit, explicit, suffix)
