"""A project whose `[layout]` names another router receiver: wiring follows it."""

from __future__ import annotations

from pathlib import Path

from codemods.layout import MANIFEST_FILE, Layout
from tests.conftest import Runner, tree_digest

RECEIVER = "root_router"


def _rename_receiver(root: Path) -> None:
    layout = Layout.default("shop_api")
    for path in (layout.router_file, layout.package_path("app.py")):
        target = root / path
        text = target.read_text(encoding="utf-8")
        target.write_text(
            text.replace(layout.router_receiver, RECEIVER), encoding="utf-8"
        )
    manifest = root / MANIFEST_FILE
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + f'\n[layout]\nrouter_receiver = "{RECEIVER}"\n',
        encoding="utf-8",
    )


def test_add_and_remove_follow_the_recorded_receiver(
    polepos: Runner, project: Path
) -> None:
    _rename_receiver(project)
    assert polepos("check", cwd=project).exit_code == 0
    before = tree_digest(project)

    added = polepos("add", "module", "orders", "--template", "crud", "--no-install")
    assert added.exit_code == 0, added.stderr
    router = (project / Layout.default("shop_api").router_file).read_text("utf-8")
    assert (
        f'{RECEIVER}.include_router(orders_router, prefix="/orders", tags=["orders"])'
        in router
    )
    checked = polepos("check", cwd=project)
    assert checked.exit_code == 0, checked.stdout

    removed = polepos("remove", "module", "orders", "--no-install")
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before


def test_a_receiver_the_router_file_does_not_bind_is_refused(
    polepos: Runner, project: Path
) -> None:
    manifest = project / MANIFEST_FILE
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[layout]\nrouter_receiver = "nope"\n',
        encoding="utf-8",
    )
    before = tree_digest(project)
    added = polepos("add", "module", "orders", "--template", "crud", "--no-install")
    assert added.exit_code != 0
    assert "nope" in added.stderr
    assert "Traceback" not in added.stderr
    assert tree_digest(project) == before
