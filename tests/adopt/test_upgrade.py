"""`polepos upgrade` in an adopted layout: only what polepos generated, at its paths.

Fixtures (a) `fullstack` (flat `app/`, aggregator `app/api/main.py`, settings in
`app/core/config.py`) and (c) `routes_api` (aggregator `storefront/routes/api.py`
on the receiver `router`, PostgreSQL).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from codemods.lockfile import LOCK_PATH, content_hash
from tests.conftest import Runner, tree_digest

FIXTURES = ("fullstack", "routes_api")
# Files of a crud module whose 0.1.0 render imports nothing an adopted project
# lacks, so the project still checks with them (the others import
# `<package>.db.base` and `<package>.domain.exceptions`).
OLDER_FILES = ("schemas.py", "repository.py")
OLDER_TEST = "tests/integration/test_orders_api.py"


def _layout(root: Path) -> dict[str, str]:
    layout: dict[str, str] = tomllib.loads((root / ".poleposition.toml").read_text())[
        "layout"
    ]
    return layout


def _plan(polepos: Runner, root: Path) -> dict[str, object]:
    result = polepos("upgrade", "--json", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    plan: dict[str, object] = json.loads(result.stdout)["plan"]
    return plan


def _planned_paths(root: Path) -> set[str]:
    """Every path the upgrade considers, `unchanged` ones included."""
    from pole_position.cli.services.plans.upgrade.plan import plan_upgrade
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    return {item.path for item in plan_upgrade(load_state(locate_project(root))).files}


def _grow(polepos: Runner, root: Path) -> None:
    """A crud module with a field, an api-only module and an integration."""
    for args in (
        ("add", "module", "orders", "--template", "crud", "--no-install"),
        ("add", "module", "notes", "--template", "api-only", "--no-install"),
        ("add", "field", "orders", "email:str:unique"),
        ("add", "integration", "redis", "--no-install"),
    ):
        result = polepos(*args, cwd=root)
        assert result.exit_code == 0, result.stderr
    assert polepos("check", cwd=root).exit_code == 0


@pytest.mark.parametrize("name", FIXTURES)
def test_up_to_date_right_after_adopt_and_adds(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    original = set(tree_digest(root))
    assert polepos("adopt", cwd=root).exit_code == 0
    adopted = tree_digest(root)
    fresh = polepos("upgrade", cwd=root)
    assert fresh.exit_code == 0, fresh.stdout + fresh.stderr
    assert "up to date" in fresh.stdout
    # Only the files adopt wrote; none of the project's own.
    planned = _planned_paths(root)
    assert planned
    assert planned == set(adopted) - original - {".poleposition.toml"}
    assert polepos("upgrade", "--apply", cwd=root).exit_code == 0
    assert tree_digest(root) == adopted  # no lock appears for nothing

    _grow(polepos, root)
    grown = tree_digest(root)
    result = polepos("upgrade", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
    plan = _plan(polepos, root)
    assert plan["files"] == []
    assert set(plan["counts"]) == {"unchanged"}  # type: ignore[arg-type]
    lock = tomllib.loads((root / LOCK_PATH).read_text())
    recorded = {
        path
        for section in ("modules", "integrations")
        for entry in lock[section].values()
        for path in entry["files"]
    }
    modules_dir = _layout(root)["modules_dir"]
    assert f"{modules_dir}/orders/model.py" in recorded  # at the adopted path
    assert _planned_paths(root) == planned | recorded
    assert polepos("upgrade", "--apply", cwd=root).exit_code == 0
    assert tree_digest(root) == grown


def test_user_code_is_never_drift(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    assert polepos("adopt", cwd=root).exit_code == 0
    _grow(polepos, root)
    for path in (
        "app/main.py",
        "app/api/main.py",  # the aggregator holding the router wiring
        "app/api/routes/items.py",
        "app/core/config.py",  # the settings holding the redis fields
        "app/models.py",
        "tests/test_items.py",
        ".env.example",
    ):
        target = root / path
        target.write_text(target.read_text() + "\n# the team's own line\n")
    assert polepos("check", cwd=root).exit_code == 0
    edited = tree_digest(root)
    result = polepos("upgrade", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
    assert _plan(polepos, root)["files"] == []
    assert polepos("upgrade", "--apply", cwd=root).exit_code == 0
    assert tree_digest(root) == edited


def _make_orders_older(root: Path) -> dict[str, str]:
    """Put files of `orders` back to their 0.1.0 render and record 0.1.0 in the lock.

    Returns the older files by path.
    """
    from pole_position.cli.services.catalog.modules import TEMPLATES
    from pole_position.cli.services.plans.module.files import module_context
    from pole_position.cli.services.plans.module.request import ModuleRequest
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.render.templates import render_folder

    project = locate_project(root)
    context = module_context(project, ModuleRequest("orders", TEMPLATES["crud"]))
    context["polepos_version"] = "0.1.0"
    rendered = project.layout.place_all(
        render_folder("modules/crud", context, release="0.1.0")
    )
    modules_dir = project.layout.modules_dir
    older = {
        path: rendered[path]
        for path in (*(f"{modules_dir}/orders/{f}" for f in OLDER_FILES), OLDER_TEST)
    }
    lock_file = root / LOCK_PATH
    lock = lock_file.read_text().replace(
        '[modules.orders]\npolepos = "0.2.0"', '[modules.orders]\npolepos = "0.1.0"'
    )
    for path, text in older.items():
        (root / path).write_text(text)
        lock, count = re.subn(
            rf'"{re.escape(path)}" = "sha256:[0-9a-f]+"',
            f'"{path}" = "{content_hash(text)}"',
            lock,
        )
        assert count == 1
    lock_file.write_text(lock)
    return older


@pytest.mark.parametrize("name", FIXTURES)
def test_an_older_module_file_is_updated_at_the_adopted_path(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    before = tree_digest(root)
    assert polepos("adopt", cwd=root).exit_code == 0
    added = polepos("add", "module", "orders", "--template", "crud", cwd=root)
    assert added.exit_code == 0, added.stderr
    current = tree_digest(root)
    older = _make_orders_older(root)
    assert all(tree_digest(root)[path] != current[path] for path in older)
    assert polepos("check", cwd=root).exit_code == 0

    plan = _plan(polepos, root)
    assert plan["from_versions"] == ["0.1.0", "0.2.0"]
    assert plan["files"] == [
        {"path": path, "action": "update", "owner": "module orders"}
        for path in sorted(older)
    ]
    text = polepos("upgrade", cwd=root).stdout
    assert "--apply would update 3 files" in text

    applied = polepos("upgrade", "--apply", cwd=root)
    assert applied.exit_code == 0, applied.stdout + applied.stderr
    assert "Upgraded to polepos 0.2.0: 3 updated." in applied.stdout
    assert polepos("check", cwd=root).exit_code == 0
    upgraded = tree_digest(root)
    # The module is what `add module` writes today; nothing else moved but the lock.
    changed = {
        p for p in set(current) | set(upgraded) if current.get(p) != upgraded.get(p)
    }
    assert changed == {LOCK_PATH}
    lock = tomllib.loads((root / LOCK_PATH).read_text())
    assert lock["modules"]["orders"]["polepos"] == "0.2.0"
    assert lock["adopt"]["support"]["polepos"] == "0.2.0"
    assert "up to date" in polepos("upgrade", cwd=root).stdout

    # The support package's record goes with adoption.
    assert polepos("remove", "module", "orders", cwd=root).exit_code == 0
    undone = polepos("adopt", "--undo", cwd=root)
    assert undone.exit_code == 0, undone.stderr
    assert tree_digest(root) == before


def test_an_edited_older_file_is_merged_in_place(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    assert polepos("adopt", cwd=root).exit_code == 0
    assert (
        polepos("add", "module", "orders", "--template", "crud", cwd=root).exit_code
        == 0
    )
    _make_orders_older(root)
    schemas = root / "app/modules/orders/schemas.py"
    schemas.write_text("# Kept by the team.\n" + schemas.read_text())
    assert _plan(polepos, root)["files"] == [
        {
            "path": "app/modules/orders/schemas.py",
            "action": "merge",
            "owner": "module orders",
        },
        {
            "path": "app/modules/orders/repository.py",
            "action": "update",
            "owner": "module orders",
        },
        {"path": OLDER_TEST, "action": "update", "owner": "module orders"},
    ]
    applied = polepos("upgrade", "--apply", cwd=root)
    assert applied.exit_code == 0, applied.stdout + applied.stderr
    text = schemas.read_text()
    assert text.startswith("# Kept by the team.\n")
    assert "# polepos:fields" in text  # the 0.2.0 template's change
    assert not (root / "src").exists()
    assert polepos("check", cwd=root).exit_code == 0


def test_a_support_record_older_than_adopt_is_refused_cleanly(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("routes_api")
    assert polepos("adopt", cwd=root).exit_code == 0
    (root / LOCK_PATH).write_text(
        '[adopt.support]\npolepos = "0.1.0"\ntemplate = "adopt"\n'
    )
    result = polepos("upgrade", cwd=root)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "polepos 0.1.0" in result.stderr
