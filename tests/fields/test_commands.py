"""`polepos add field` / `polepos remove field` as a user types them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest

MODULE = "src/shop_api/modules/customers"


@pytest.fixture
def project(polepos: Runner, tmp_path: Path) -> Path:
    """A project with a crud `customers` module (every option), a standard
    `articles`, a service-only `ledger` and an api-only `health`."""
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    for args in (
        ("customers", "--template", "crud", "--pagination", "--timestamps"),
        ("articles",),
        ("ledger", "--service-only"),
        ("health", "--api-only"),
    ):
        result = polepos("add", "module", *args, cwd=root)
        assert result.exit_code == 0, result.stderr
    return root


@pytest.mark.parametrize("module", ["customers", "articles", "ledger"])
def test_add_then_remove_restores_every_byte(
    polepos: Runner, project: Path, module: str
) -> None:
    before = tree_digest(project)
    added = polepos(
        "add",
        "field",
        module,
        "email:str:unique",
        "born:date:optional",
        "total:decimal:index",
        cwd=project,
    )
    assert added.exit_code == 0, added.stderr
    assert polepos("check", cwd=project).exit_code == 0
    model = (project / f"src/shop_api/modules/{module}/model.py").read_text()
    assert "email: Mapped[str] = mapped_column(String(255), unique=True)" in model
    assert "born: Mapped[date | None] = mapped_column(default=None)" in model

    removed = polepos("remove", "field", module, "total", "email", "born", cwd=project)
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before


def test_output_names_routes_and_next_step(polepos: Runner, project: Path) -> None:
    result = polepos("add", "field", "customers", "email:str:unique", cwd=project)

    assert result.exit_code == 0, result.stderr
    assert "Added to customers: email (str, unique)." in result.stdout
    assert "POST /api/v1/customers/ and PATCH /api/v1/customers/{item_id}" in (
        result.stdout
    )
    assert (
        'polepos db revision --autogenerate -m "add customers.email" '
        "&& polepos db upgrade" in result.stdout
    )


def test_manifest_and_lock_record_the_fields(polepos: Runner, project: Path) -> None:
    polepos("add", "field", "customers", "email:str:unique", cwd=project)
    polepos("add", "field", "customers", "visits:int:index", cwd=project)

    manifest = (project / ".poleposition.toml").read_text()
    assert '[fields]\ncustomers = "email:str:unique visits:int:index"\n' in manifest
    # The lock follows the edits: the module is still "generated".
    removed = polepos("remove", "module", "customers", cwd=project)
    assert removed.exit_code == 0, removed.stderr
    assert "[fields]" not in (project / ".poleposition.toml").read_text()
    assert polepos("check", cwd=project).exit_code == 0


def test_several_fields_are_one_change_set(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)

    result = polepos("add", "field", "customers", "a:str", "name:str", cwd=project)

    assert result.exit_code == 1
    assert "field 'name' already exists on Customer" in result.stderr
    assert f"{MODULE}/model.py:" in result.stderr
    assert tree_digest(project) == before


REFUSALS = [
    (("customers", "id:int"), 2, "field name 'id' is reserved"),
    (("customers", "tenant_id:str"), 2, "is reserved"),
    (("customers", "Email:str"), 2, "is not valid"),
    (("customers", "class:str"), 2, "is a Python keyword"),
    (("customers", "email"), 2, "is not a field spec"),
    (("customers", "email:string"), 2, "unknown field type 'string'"),
    (("customers", "email:str:required"), 2, "unknown modifier 'required'"),
    (("customers", "flag:bool:unique"), 2, "cannot be unique"),
    (("customers", "a:str", "a:int"), 2, "given twice"),
    (("customers", "created_at:datetime"), 2, "is reserved"),
    (("customers", "description:text"), 1, "already exists on Customer"),
    (("health", "email:str"), 1, "has no model"),
    (("status", "email:str"), 1, "has no model"),
    (("nowhere", "email:str"), 1, "there is no module 'nowhere'"),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS)
def test_refusals_write_nothing(
    polepos: Runner, project: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    before = tree_digest(project)

    result = polepos("add", "field", *args, cwd=project)

    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert tree_digest(project) == before


def test_an_added_field_cannot_be_added_again(polepos: Runner, project: Path) -> None:
    polepos("add", "field", "customers", "email:str", cwd=project)
    before = tree_digest(project)

    result = polepos("add", "field", "customers", "email:str", cwd=project)

    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert tree_digest(project) == before


def test_remove_refuses_fields_it_did_not_add(polepos: Runner, project: Path) -> None:
    polepos("add", "field", "customers", "email:str", cwd=project)
    before = tree_digest(project)

    own = polepos("remove", "field", "customers", "description", cwd=project)
    unknown = polepos("remove", "field", "customers", "phone", cwd=project)

    assert own.exit_code == 1
    assert re.search(
        rf"not added by 'polepos add field' \(it is defined in {MODULE}/model.py:\d+\)",
        own.stderr,
    )
    assert unknown.exit_code == 1
    assert "has no field 'phone'" in unknown.stderr
    assert "email" in unknown.stderr
    assert tree_digest(project) == before


def test_remove_refuses_a_hand_changed_field(polepos: Runner, project: Path) -> None:
    polepos("add", "field", "customers", "email:str", cwd=project)
    model = project / MODULE / "model.py"
    model.write_text(
        model.read_text().replace("String(255))", "String(300))"), encoding="utf-8"
    )
    before = tree_digest(project)

    result = polepos("remove", "field", "customers", "email", cwd=project)

    assert result.exit_code == 1
    assert "was changed by hand" in result.stderr
    assert tree_digest(project) == before
    assert polepos("check", cwd=project).exit_code == 1  # PP281


@pytest.mark.parametrize("flag", ["--trace", "--diff"])
def test_trace_and_diff_write_nothing(
    polepos: Runner, project: Path, flag: str
) -> None:
    before = tree_digest(project)

    result = polepos("add", "field", "customers", "email:str", flag, cwd=project)

    assert result.exit_code == 0
    assert tree_digest(project) == before
    shown = result.stdout
    if flag == "--trace":
        assert f"edit   {MODULE}/model.py" in shown
        assert "edit   .poleposition.toml" in shown
    else:
        assert "+    email: Mapped[str] = mapped_column(String(255))" in shown


def test_modules_generated_before_the_markers(polepos: Runner, project: Path) -> None:
    for path in (f"{MODULE}/model.py", f"{MODULE}/schemas.py"):
        target = project / path
        target.write_text(
            target.read_text().replace("    # polepos:fields\n", ""), encoding="utf-8"
        )
    for test in ("integration/test_customers_api.py", "unit/test_customers_service.py"):
        target = project / "tests" / test
        text = target.read_text()
        target.write_text(text.replace("def sample_fields(", "def _old_sample("))

    result = polepos("add", "field", "customers", "note:text:optional", cwd=project)

    assert result.exit_code == 0, result.stderr
    assert "has no sample_fields() helper" in result.stderr
    model = (project / MODULE / "model.py").read_text()
    assert model.endswith(
        "    note: Mapped[str | None] = mapped_column(Text, default=None)\n"
        "    # polepos:fields\n"
    )
    schemas = (project / MODULE / "schemas.py").read_text()
    assert schemas.count("    note: str | None") == 3
    assert schemas.count("# polepos:fields") == 3
    assert polepos("check", cwd=project).exit_code == 0
    removed = polepos("remove", "field", "customers", "note", cwd=project)
    assert removed.exit_code == 0
    assert "note" not in (project / MODULE / "model.py").read_text()


def test_crlf_files_stay_crlf(polepos: Runner, project: Path) -> None:
    for path in (f"{MODULE}/model.py", f"{MODULE}/schemas.py"):
        target = project / path
        target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    before = tree_digest(project)

    assert (
        polepos("add", "field", "customers", "at:datetime", cwd=project).exit_code == 0
    )
    model = (project / MODULE / "model.py").read_bytes()
    assert b"at: Mapped[datetime] = mapped_column(DateTime(timezone=True))\r\n" in model
    assert b"\n" not in model.replace(b"\r\n", b"")
    assert polepos("remove", "field", "customers", "at", cwd=project).exit_code == 0
    assert tree_digest(project) == before


def test_upgrade_keeps_added_fields(polepos: Runner, project: Path) -> None:
    added = polepos("add", "field", "customers", "email:str:unique", cwd=project)
    assert added.exit_code == 0
    polepos("add", "field", "ledger", "born:date", cwd=project)

    plan = polepos("upgrade", cwd=project)

    assert plan.exit_code == 0, plan.stderr
    assert "update" not in plan.stdout
    assert "nothing to do" in plan.stdout


def test_byte_order_marks_survive(polepos: Runner, project: Path) -> None:
    for path in (f"{MODULE}/model.py", f"{MODULE}/schemas.py", ".poleposition.toml"):
        target = project / path
        target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes())
    before = tree_digest(project)

    added = polepos("add", "field", "customers", "email:str", cwd=project)
    assert added.exit_code == 0, added.stderr
    assert (project / MODULE / "model.py").read_bytes().startswith(b"\xef\xbb\xbf")
    assert polepos("check", cwd=project).exit_code == 0
    removed = polepos("remove", "field", "customers", "email", cwd=project)
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before
