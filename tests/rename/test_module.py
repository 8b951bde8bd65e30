"""`polepos rename module` (SPEC section 16): exact inverse, imports, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner, complete_bash, tree_digest
from tests.rename.conftest import SHAPES

USER_FILE = "src/shop/reports/summary.py"
USER_CODE = '''"""A user file outside the module: it counts orders."""

from shop.modules.orders.schemas import OrderCreate
from shop.modules.orders.services import OrderService
import shop.modules.orders.model as order_model
from shop.modules import orders


def sample() -> OrderCreate:
    # orders are counted here
    return OrderCreate(name="orders", email="a@example.com")


def kinds() -> tuple[object, ...]:
    return (OrderService, order_model.Order, orders.schemas.OrderRead)
'''
RENAMED_CODE = '''"""A user file outside the module: it counts orders."""

from shop.modules.purchases.schemas import PurchaseCreate
from shop.modules.purchases.services import PurchaseService
import shop.modules.purchases.model as order_model
from shop.modules import purchases


def sample() -> PurchaseCreate:
    # orders are counted here
    return PurchaseCreate(name="orders", email="a@example.com")


def kinds() -> tuple[object, ...]:
    return (PurchaseService, order_model.Purchase, purchases.schemas.PurchaseRead)
'''


def _add_user_file(shop: Path) -> None:
    (shop / "src/shop/reports").mkdir()
    (shop / "src/shop/reports/__init__.py").write_text("")
    (shop / USER_FILE).write_text(USER_CODE)


@pytest.mark.parametrize("module", [*sorted(SHAPES), "orders"])
def test_renaming_back_gives_the_project_back_byte_for_byte(
    polepos: Runner, shop: Path, module: str
) -> None:
    _add_user_file(shop)
    before = tree_digest(shop)
    done = polepos("rename", "module", module, "renamed_things")
    assert done.exit_code == 0, done.stderr
    after = tree_digest(shop)
    assert not any(f"/modules/{module}/" in path for path in after)
    assert any("/modules/renamed_things/" in path for path in after)
    check = polepos("check")
    assert check.exit_code == 0, check.stdout + check.stderr
    back = polepos("rename", "module", "renamed_things", module)
    assert back.exit_code == 0, back.stderr
    assert tree_digest(shop) == before


def test_every_name_form_the_wiring_and_the_records_move(
    polepos: Runner, shop: Path
) -> None:
    done = polepos("rename", "module", "customers", "clients")
    assert done.exit_code == 0, done.stderr
    folder = shop / "src/shop/modules/clients"
    router = (folder / "router.py").read_text()
    assert "ClientService" in router
    assert "Customer" not in router
    assert (folder / "services/clients_service.py").is_file()
    assert (shop / "tests/integration/test_clients_api.py").is_file()
    assert not (shop / "tests/unit/test_customers_service.py").exists()
    wiring = (shop / "src/shop/api/router.py").read_text()
    assert (
        'include_router(clients_router, prefix="/clients", tags=["clients"])' in wiring
    )
    assert "customers" not in wiring
    assert "clients_model" in (shop / "src/shop/db/models.py").read_text()
    assert '"clients",' in (shop / "src/shop/modules/__init__.py").read_text()
    manifest = (shop / ".poleposition.toml").read_text()
    assert "\nclients = " in manifest
    assert "\ncustomers = " not in manifest
    lock = (shop / ".poleposition.lock").read_text()
    assert "[modules.clients]" in lock
    assert "customers/" not in lock
    # Without --rename-table the table keeps its name.
    assert '__tablename__ = "customers"' in (folder / "model.py").read_text()
    assert "The table keeps its name: customers." in done.stdout
    # Every file stays "generated": remove module works without --force.
    assert polepos("remove", "module", "clients", "--no-install").exit_code == 0


def test_recorded_fields_move_with_the_module(polepos: Runner, shop: Path) -> None:
    assert polepos("rename", "module", "orders", "purchases").exit_code == 0
    manifest = (shop / ".poleposition.toml").read_text()
    assert "purchases = " in manifest.split("[fields]")[1]
    removed = polepos("remove", "field", "purchases", "visits")
    assert removed.exit_code == 0, removed.stderr


def test_rename_table_changes_tablename_and_prints_the_alembic_step(
    polepos: Runner, shop: Path
) -> None:
    before = tree_digest(shop)
    done = polepos("rename", "module", "customers", "clients", "--rename-table")
    assert done.exit_code == 0, done.stderr
    model = (shop / "src/shop/modules/clients/model.py").read_text()
    assert '__tablename__ = "clients"' in model
    assert 'op.rename_table("customers", "clients")' in done.stdout
    back = polepos("rename", "module", "clients", "customers", "--rename-table")
    assert back.exit_code == 0, back.stderr
    assert tree_digest(shop) == before


def test_user_imports_are_rewritten_and_strings_listed(
    polepos: Runner, shop: Path
) -> None:
    _add_user_file(shop)
    traced = polepos("rename", "module", "orders", "purchases", "--trace")
    assert traced.exit_code == 0
    assert f"not renamed: {USER_FILE}:1" in traced.stdout
    assert f"not renamed: {USER_FILE}:10" in traced.stdout
    assert f"not renamed: {USER_FILE}:11" in traced.stdout
    assert f"not renamed: {USER_FILE}:9" not in traced.stdout
    assert f"edit   {USER_FILE}" in traced.stdout
    done = polepos("rename", "module", "orders", "purchases")
    assert done.exit_code == 0, done.stderr
    assert (shop / USER_FILE).read_text() == RENAMED_CODE


@pytest.mark.parametrize("flag", ["--trace", "--diff"])
def test_trace_and_diff_write_nothing(polepos: Runner, shop: Path, flag: str) -> None:
    before = tree_digest(shop)
    shown = polepos("rename", "module", "customers", "clients", flag)
    assert shown.exit_code == 0, shown.stderr
    assert "clients" in shown.stdout
    assert tree_digest(shop) == before


@pytest.mark.parametrize(
    ("old", "new", "code", "words"),
    [
        ("customers", "Bad-Name", 2, "not a valid module name"),
        ("customers", "class", 2, "keyword"),
        ("customers", "x" * 300, 2, "not a valid module name"),
        ("customers", "status", 2, "starter"),
        ("customers", "orders", 1, "already exists"),
        ("customers", "archives", 1, "already exists"),
        ("status", "statuses", 1, "starter module"),
        ("ghosts", "spirits", 1, "no module 'ghosts'"),
        ("../x", "spirits", 2, "not a valid module name"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    polepos: Runner, shop: Path, old: str, new: str, code: int, words: str
) -> None:
    before = tree_digest(shop)
    result = polepos("rename", "module", old, new)
    assert result.exit_code == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert words in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(shop) == before


def test_a_failing_write_rolls_the_whole_rename_back(
    polepos: Runner, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    before = tree_digest(shop)
    real = os.replace
    calls = {"n": 0}

    def replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = polepos("rename", "module", "customers", "clients")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "rolled back" in result.stderr
    assert tree_digest(shop) == before


def test_edited_and_added_files_move_and_come_back(polepos: Runner, shop: Path) -> None:
    folder = shop / "src/shop/modules/notes"
    service = folder / "services/notes_service.py"
    service.write_text(service.read_text() + "\n# notes: kept by NoteService\n")
    (folder / "helpers.py").write_text(
        "from shop.modules.notes.schemas import NoteCreate\n\nSAMPLE = NoteCreate\n"
    )
    (folder / "services/extra.py").write_text(
        "from ..schemas import NoteRead\nfrom .notes_service import NoteService\n"
    )
    before = tree_digest(shop)
    done = polepos("rename", "module", "notes", "memos")
    assert done.exit_code == 0, done.stderr
    moved = shop / "src/shop/modules/memos"
    assert (
        (moved / "services/memos_service.py")
        .read_text()
        .endswith("\n# memos: kept by MemoService\n")
    )
    assert (moved / "helpers.py").read_text() == (
        "from shop.modules.memos.schemas import MemoCreate\n\nSAMPLE = MemoCreate\n"
    )
    assert (moved / "services/extra.py").read_text() == (
        "from ..schemas import MemoRead\nfrom .memos_service import MemoService\n"
    )
    # The edited file is still reported as edited: remove refuses without --force.
    refused = polepos("remove", "module", "memos", "--no-install")
    assert refused.exit_code == 1
    assert "custom changes" in refused.stderr
    assert polepos("rename", "module", "memos", "notes").exit_code == 0
    assert tree_digest(shop) == before


def test_an_edited_file_already_using_the_new_names_is_refused(
    polepos: Runner, shop: Path
) -> None:
    service = shop / "src/shop/modules/notes/services/notes_service.py"
    service.write_text(service.read_text() + "\n# memos are notes too\n")
    before = tree_digest(shop)
    result = polepos("rename", "module", "notes", "memos")
    assert result.exit_code == 1
    assert "already uses the new module's names" in result.stderr
    assert tree_digest(shop) == before


def test_completion_offers_the_projects_modules_but_status(shop: Path) -> None:

    offered = complete_bash(shop, "polepos rename module ")
    assert offered == sorted(SHAPES)


def test_a_generated_file_deleted_by_hand_keeps_its_record(
    polepos: Runner, shop: Path
) -> None:
    (shop / "tests/unit/test_notes_service.py").unlink()
    before = tree_digest(shop)
    assert polepos("rename", "module", "notes", "memos").exit_code == 0
    lock = (shop / ".poleposition.lock").read_text()
    assert '"tests/unit/test_memos_service.py"' in lock
    assert polepos("rename", "module", "memos", "notes").exit_code == 0
    assert tree_digest(shop) == before


def test_relative_imports_from_siblings_and_above_follow_the_module(
    polepos: Runner, shop: Path
) -> None:
    sibling = shop / "src/shop/modules/orders/links.py"
    sibling.write_text(
        "from .. import notes\n"
        "from ..notes.schemas import NoteRead\n\n"
        "LINKS = (notes.router, NoteRead)\n"
    )
    _add_user_file(shop)
    report = shop / "src/shop/reports/notes_report.py"
    report.write_text(
        "from ..modules.notes.services import notes_service as s\n\nX = s.NoteService\n"
    )
    # Not-UTF-8 bytes in a file that never names the module: left unread.
    (shop / "src/shop/reports/legacy.py").write_bytes(b"# caf\xe9\nA = 1\n")
    before = tree_digest(shop)
    done = polepos("rename", "module", "notes", "memos")
    assert done.exit_code == 0, done.stderr
    assert sibling.read_text() == (
        "from .. import memos\n"
        "from ..memos.schemas import MemoRead\n\n"
        "LINKS = (memos.router, MemoRead)\n"
    )
    assert report.read_text() == (
        "from ..modules.memos.services import memos_service as s\n\nX = s.MemoService\n"
    )
    assert polepos("rename", "module", "memos", "notes").exit_code == 0
    assert tree_digest(shop) == before
