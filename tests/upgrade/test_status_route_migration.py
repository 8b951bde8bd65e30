"""Earlier templates included the starter's status router in `api/router.py`; now
`create_app` registers the route on the app itself (issue 17: FastAPI walks each
router level per request). `upgrade --apply` carries a project that still has the
old bodies to the new ones, and leaves the files a user edited to the merge."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from codemods.lockfile import content_hash
from tests.conftest import Runner, run_old_polepos, tree_digest

PKG = "src/shop"
ROUTER = f"{PKG}/api/router.py"
APP = f"{PKG}/app.py"
STATUS = f"{PKG}/modules/status/router.py"
STATUS_IMPORT = "from shop.modules.status.router import router as status_router\n"
STATUS_INCLUDE = (
    'api_router.include_router(status_router, prefix="/status", tags=["status"])\n'
)
NEW_CALL = "add_status_route(app, settings, app.state.started_at)"

# The bodies `start` wrote between 0.1.0 and this change (the lock says 0.2.0,
# the installed version, so only the recorded hashes tell them from the new ones).
EARLIER_STATUS = '''\
"""Routes of the status module (mounted under `/status` by `api/router.py`)."""

import time

from fastapi import APIRouter, Request

from shop.modules.status.schemas import StatusRead
from shop.modules.status.service import get_status
from shop.settings import get_settings

router = APIRouter()


# Probed often, so kept cheap: async (no threadpool hop, it does no I/O) and no
# dependencies to solve; the settings are the ones `create_app` stored.
@router.get("", response_model=StatusRead)
async def read_status(request: Request) -> StatusRead:
    """Liveness: the service name, version and uptime in seconds."""
    state = request.app.state
    settings = getattr(state, "settings", None) or get_settings()
    started_at = getattr(state, "started_at", time.monotonic())
    return get_status(settings, started_at)
'''
NEW_IMPORT = "from shop.modules.status.router import add_status_route\n"
NEW_COMMENT = "    # The starter's status route sits on the app"


def plan_of(polepos: Runner, root: Path) -> dict[str, str]:
    result = polepos("upgrade", "--json", cwd=root)
    data = json.loads(result.stdout)
    return {item["path"]: item["action"] for item in data["plan"]["files"]}


def assert_on_the_app(root: Path, new_status: str) -> None:
    router = (root / ROUTER).read_text()
    assert "status" not in router
    assert "include_router(customers_router" in router  # other wiring kept
    assert NEW_CALL in (root / APP).read_text()
    assert (root / STATUS).read_text() == new_status


def with_earlier_status_wiring(root: Path) -> None:
    """Turn a project `start` just made into one the earlier templates made."""
    files = {path: (root / path).read_text() for path in (ROUTER, APP, STATUS)}
    app = files[APP].replace(NEW_IMPORT, "", 1)
    start, end = app.index(NEW_COMMENT), app.index(NEW_CALL) + len(NEW_CALL) + 1
    app = app[:start] + app[end:]
    router = files[ROUTER]
    router = router.replace(
        "from fastapi import APIRouter\n\n",
        f"from fastapi import APIRouter\n\n{STATUS_IMPORT}",
        1,
    ).replace(
        "# polepos:router-includes", f"{STATUS_INCLUDE}# polepos:router-includes", 1
    )
    (root / APP).write_text(app)
    (root / ROUTER).write_text(router)
    (root / STATUS).write_text(EARLIER_STATUS)
    lock = root / ".poleposition.lock"
    text = lock.read_text()
    for path, old in ((APP, app), (STATUS, EARLIER_STATUS)):
        new_hash, old_hash = content_hash(files[path]), content_hash(old)
        assert new_hash in text
        text = text.replace(new_hash, old_hash)
    lock.write_text(text)


def _old_with_customers(
    old_project: Callable[..., Path], old_release_tree: Path
) -> Path:
    """A 0.1.0 project with a crud module, both made by the 0.1.0 release."""
    root = old_project("shop")
    added = run_old_polepos(
        old_release_tree, "add", "module", "customers", "--template", "crud", cwd=root
    )
    assert added.returncode == 0, added.stderr
    return root


def test_a_0_1_0_project_moves_the_status_route_onto_the_app(
    polepos: Runner, old_project: Callable[..., Path], old_release_tree: Path
) -> None:
    root = _old_with_customers(old_project, old_release_tree)
    assert STATUS_INCLUDE in (root / ROUTER).read_text()
    planned = plan_of(polepos, root)
    assert (planned[ROUTER], planned[APP], planned[STATUS]) == ("update",) * 3

    result = polepos("upgrade", "--apply", cwd=root)

    assert result.exit_code == 0, result.stderr
    new_status = (root / STATUS).read_text()
    assert "def add_status_route(" in new_status
    assert_on_the_app(root, new_status)
    assert polepos("check", cwd=root).exit_code == 0


def test_a_project_of_the_earlier_0_2_0_templates_is_carried_too(
    polepos: Runner, project_factory: Callable[..., Path]
) -> None:
    root = project_factory("shop")
    new_status = (root / STATUS).read_text()
    assert polepos("add", "module", "customers", cwd=root).exit_code == 0
    fresh = tree_digest(root)
    with_earlier_status_wiring(root)
    assert polepos("check", cwd=root).exit_code == 0  # the old shape still checks
    planned = plan_of(polepos, root)
    assert (planned[ROUTER], planned[APP], planned[STATUS]) == ("update",) * 3

    result = polepos("upgrade", "--apply", cwd=root)

    assert result.exit_code == 0, result.stderr
    assert_on_the_app(root, new_status)
    assert polepos("check", cwd=root).exit_code == 0
    after = tree_digest(root)
    assert {p: h for p, h in after.items() if p != ".poleposition.lock"} == {
        p: h for p, h in fresh.items() if p != ".poleposition.lock"
    }


def test_a_new_project_has_nothing_to_upgrade(
    polepos: Runner, project_factory: Callable[..., Path]
) -> None:
    root = project_factory("shop")
    assert polepos("add", "module", "customers", cwd=root).exit_code == 0
    before = tree_digest(root)
    assert "up to date" in polepos("upgrade", cwd=root).stdout
    assert polepos("upgrade", "--apply", cwd=root).exit_code == 0
    assert tree_digest(root) == before


def test_an_edited_status_router_is_merged_not_replaced(
    polepos: Runner, old_project: Callable[..., Path], old_release_tree: Path
) -> None:
    root = _old_with_customers(old_project, old_release_tree)
    status = root / STATUS
    status.write_text(status.read_text() + "\n\n# our own note\n")
    planned = plan_of(polepos, root)
    assert planned[STATUS] in ("merge", "conflict")
    assert (planned[ROUTER], planned[APP]) == ("update", "update")

    polepos("upgrade", "--apply", cwd=root)

    assert "# our own note" in status.read_text()
    assert NEW_CALL in (root / APP).read_text()
