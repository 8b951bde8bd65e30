"""`polepos check` as a whole: reporting once, cycles, orphans, order, markers, JSON.

The per-code table lives in `test_codes.py`; these tests cover what spans codes:
unreadable files reported once, each import cycle once, orphaned wiring removed,
managed blocks re-sorted, every marker restored in place, the JSON document, exit
codes, running outside a project or into a closed pipe, and `--fix` never deleting.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pole_position.cli.services.check import check_project
from tests.checks._support import (
    ENV,
    EXPORTS,
    INTEGRATIONS,
    MANIFEST,
    MODELS,
    PKG,
    PYPROJECT,
    ROUTER,
    SETTINGS,
    check_json,
    edit,
    generate,
    line_of,
)
from tests.conftest import Runner, tree_digest

FULL = ("orders:crud", "billing:standard", "bot:ai-prompt")


# --- unreadable files are reported once ---


def _syntax_error(root: Path, path: str) -> None:
    broken = "\n[unclosed\n" if path.endswith(".toml") else "\ndef broken(:\n"
    with (root / path).open("a", encoding="utf-8") as handle:
        handle.write(broken)


def _not_utf8(root: Path, path: str) -> None:
    target = root / path
    target.write_bytes(b"# caf\xe9\n" + target.read_bytes())


UNREADABLE = [
    # (file, how it breaks, the one code expected for it)
    *[
        (path, "syntax", "PP120")
        for path in (
            ROUTER,
            MODELS,
            EXPORTS,
            INTEGRATIONS,
            SETTINGS,
            f"{PKG}/modules/orders/router.py",
            f"{PKG}/modules/bot/orchestrator.py",
        )
    ],
    (PYPROJECT, "syntax", "PP002"),
    *[
        (path, "utf8", "PP121")
        for path in (
            ROUTER,
            MODELS,
            EXPORTS,
            INTEGRATIONS,
            SETTINGS,
            ENV,
            PYPROJECT,
            f"{PKG}/modules/orders/model.py",
        )
    ],
]


@pytest.mark.parametrize(
    ("path", "how", "code"), UNREADABLE, ids=[f"{h}-{p}" for p, h, _ in UNREADABLE]
)
def test_an_unreadable_file_is_reported_once(
    polepos: Runner, tmp_path: Path, path: str, how: str, code: str
) -> None:
    root = generate(polepos, tmp_path, FULL)
    assert (root / path).is_file()
    (_syntax_error if how == "syntax" else _not_utf8)(root, path)

    _, report = check_json(polepos, root)
    about = [f for f in report["issues"] if f["path"] == path]
    assert [f["code"] for f in about] == [code], about
    unreadable = {"PP002", "PP120", "PP121"}
    assert [f for f in report["issues"] if f["code"] in unreadable] == about
    assert about[0]["severity"] == "error"
    assert not about[0]["fixable"]
    assert not report["passed"]
    assert max(check_project(root).parses.values()) == 1


# --- circular imports ---


def _imports(root: Path, module: str, file: str, line: str) -> None:
    path = f"{PKG}/modules/{module}/{file}"
    text = (root / path).read_text(encoding="utf-8")
    (root / path).write_text(f"{line}\n{text}", encoding="utf-8")


def test_each_import_cycle_is_reported_once_from_its_smallest_member(
    polepos: Runner, tmp_path: Path
) -> None:
    modules = ("orders", "billing", "refunds", "invoices", "payments")
    root = generate(polepos, tmp_path, tuple(f"{m}:standard" for m in modules))
    # A 2-cycle: orders' service imports billing, billing's router imports orders
    # (relatively, from a file directly in the module package).
    _imports(
        root,
        "orders",
        "services/orders_service.py",
        "from shop_api.modules.billing.services import BillingService",
    )
    _imports(root, "billing", "router.py", "from ..orders.services import OrderService")
    # A 3-cycle whose smallest member is not the first one written.
    _imports(
        root,
        "refunds",
        "services/refunds_service.py",
        "from shop_api.modules.invoices import model",
    )
    _imports(
        root,
        "invoices",
        "services/invoices_service.py",
        "import shop_api.modules.payments.services",
    )
    _imports(
        root,
        "payments",
        "services/payments_service.py",
        "from shop_api.modules.refunds.services import RefundService",
    )
    # Not a cycle: payments also imports orders, which does not import back.
    _imports(
        root,
        "payments",
        "repository.py",
        "from shop_api.modules.orders.model import Order",
    )

    exit_code, report = check_json(polepos, root)
    cycles = [f for f in report["issues"] if f["code"] == "PP213"]
    assert [(f["path"], f["message"]) for f in cycles] == [
        (
            f"{PKG}/modules/billing",
            "modules import each other in a cycle: billing → orders → billing",
        ),
        (
            f"{PKG}/modules/invoices",
            "modules import each other in a cycle: "
            "invoices → payments → refunds → invoices",
        ),
    ]
    assert all(f["severity"] == "warning" and not f["fixable"] for f in cycles)
    assert exit_code == 0  # warnings do not fail the check
    before = tree_digest(root)
    assert polepos("check", "--fix", cwd=root).exit_code == 0
    assert tree_digest(root) == before  # nothing --fix could do


# --- orphaned wiring ---


def test_orphaned_wiring_is_reported_and_removed_by_fix(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path)
    wiring = (ROUTER, MODELS, EXPORTS)
    before_add = {path: (root / path).read_bytes() for path in wiring}
    added = polepos("add", "module", "orders", "--template", "crud", cwd=root)
    assert added.exit_code == 0, added.stderr
    # Delete the module by hand: its folder and its manifest entry.
    shutil.rmtree(root / PKG / "modules" / "orders")
    edit(root, MANIFEST, 'orders = "crud"\n', "")

    exit_code, report = check_json(polepos, root)
    orphans = [f for f in report["issues"] if f["code"] == "PP209"]
    assert [f["path"] for f in orphans] == sorted(wiring)
    assert all(f["fixable"] and "'orders'" in f["message"] for f in orphans)
    assert exit_code == 1

    files = set(tree_digest(root))
    fixed = polepos("check", "--fix", cwd=root)
    assert fixed.exit_code == 0, fixed.stdout
    assert sorted(re.findall(r"^fixed: (.*)$", fixed.stdout, re.M)) == sorted(
        f"removed orphaned wiring of 'orders' from {path}" for path in wiring
    )
    for path in wiring:
        assert (root / path).read_bytes() == before_add[path], path
    assert set(tree_digest(root)) == files
    exit_code, again = check_json(polepos, root)
    assert exit_code == 0
    # The generated tests stay: --fix never deletes files; they are warnings.
    assert {f["code"] for f in again["issues"]} == {"PP212"}


# --- managed blocks out of order ---

BLOCKS = {
    "router-imports": (
        ROUTER,
        "from shop_api.modules.billing.router import router as billing_router\n",
        "from shop_api.modules.orders.router import router as orders_router\n",
    ),
    "router-includes": (
        ROUTER,
        'api_router.include_router(billing_router, prefix="/billing", '
        'tags=["billing"])\n',
        'api_router.include_router(orders_router, prefix="/orders", '
        'tags=["orders"])\n',
    ),
    "model-imports": (
        MODELS,
        "    from shop_api.modules.billing import model as billing_model\n",
        "    from shop_api.modules.orders import model as orders_model\n",
    ),
    "module-exports": (EXPORTS, '    "billing",\n', '    "orders",\n'),
}


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_a_block_out_of_order_is_resorted_by_fix(
    polepos: Runner, tmp_path: Path, block: str
) -> None:
    path, first, second = BLOCKS[block]
    root = generate(polepos, tmp_path, ("orders:crud", "billing:standard"))
    generated = (root / path).read_bytes()
    edit(root, path, first + second, second + first)

    exit_code, report = check_json(polepos, root)
    [finding] = report["issues"]
    assert (finding["code"], finding["path"], finding["fixable"]) == (
        "PP208",
        path,
        True,
    )
    assert finding["severity"] == "warning"
    assert exit_code == 0
    assert line_of(root, path, finding["line"]) == second.rstrip("\n")

    fixed = polepos("check", "--fix", cwd=root)
    assert fixed.exit_code == 0
    assert f"fixed: re-sorted the managed block in {path}" in fixed.stdout
    assert (root / path).read_bytes() == generated
    assert check_json(polepos, root)[1]["issues"] == []


# --- markers missing ---

MARKERS = [
    (ROUTER, "# polepos:router-imports"),
    (ROUTER, "# polepos:router-includes"),
    (MODELS, "# polepos:model-imports"),
    (EXPORTS, "# polepos:module-exports"),
    (INTEGRATIONS, "# polepos:integration-exports"),
    (SETTINGS, "# polepos:auth-settings"),
    (SETTINGS, "# polepos:llm-settings"),
    (SETTINGS, "# polepos:integration-settings"),
    (ENV, "# polepos:auth-env"),
    (ENV, "# polepos:llm-env"),
    (ENV, "# polepos:integration-env"),
]

MULTILINE_INCLUDE = """\
api_router.include_router(
    orders_router,
    prefix="/orders",
    tags=["orders"],
    include_in_schema=False,
)
"""


def _deletions(text: str, marker: str) -> dict[str, str]:
    """The file without its marker line: alone, with the blank line above, below."""
    lines = text.splitlines(keepends=True)
    [at] = [i for i, line in enumerate(lines) if line.strip() == marker]
    variants = {"alone": lines[:at] + lines[at + 1 :]}
    if at > 0 and not lines[at - 1].strip():
        variants["with-blank-above"] = lines[: at - 1] + lines[at + 1 :]
    if at + 1 < len(lines) and not lines[at + 1].strip():
        variants["with-blank-below"] = lines[:at] + lines[at + 2 :]
    return {name: "".join(kept) for name, kept in variants.items()}


def _restores_marker(
    polepos: Runner, root: Path, path: str, marker: str, original: str
) -> bool:
    """Delete the marker every way, fix each; whether one came back byte for byte."""
    exact = []
    for name, deleted in _deletions(original, marker).items():
        (root / path).write_text(deleted, encoding="utf-8")
        _, report = check_json(polepos, root)
        missing = [f for f in report["issues"] if f["code"] == "PP101"]
        assert len(missing) == 1, (name, report["issues"])
        assert (missing[0]["path"], missing[0]["fixable"]) == (path, True)
        assert marker in missing[0]["message"]
        fixed = polepos("check", "--fix", cwd=root)
        assert fixed.exit_code == 0, (name, fixed.stdout)
        assert f"fixed: restored {marker} in {path}" in fixed.stdout
        restored = (root / path).read_text(encoding="utf-8")
        assert restored.count(marker) == 1
        # The finding's line is where the marker comes back.
        assert line_of(root, path, missing[0]["line"]).strip() == marker, name
        assert check_json(polepos, root)[1]["issues"] == [], name
        exact.append(restored == original)
    (root / path).write_text(original, encoding="utf-8")
    return any(exact)


@pytest.mark.parametrize(
    ("path", "marker"), MARKERS, ids=[m.split(":")[1] for _, m in MARKERS]
)
def test_every_missing_marker_is_restored_in_place(
    polepos: Runner, tmp_path: Path, path: str, marker: str
) -> None:
    root = generate(polepos, tmp_path, FULL)
    original = (root / path).read_text(encoding="utf-8")
    files = set(tree_digest(root))
    # Deleted together with the blank line it brought, it comes back exactly.
    assert _restores_marker(polepos, root, path, marker, original)
    assert set(tree_digest(root)) == files


def test_includes_marker_comes_back_after_a_multiline_include_written_by_hand(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path, ("orders:crud",))
    edit(
        root,
        ROUTER,
        'api_router.include_router(orders_router, prefix="/orders", '
        'tags=["orders"])\n',
        MULTILINE_INCLUDE,
    )
    original = (root / ROUTER).read_text(encoding="utf-8")
    assert original.endswith(")\n# polepos:router-includes\n")
    _, before = check_json(polepos, root)
    assert not [f for f in before["issues"] if f["severity"] == "error"]
    marker = "# polepos:router-includes"
    assert _restores_marker(polepos, root, ROUTER, marker, original)


# --- the JSON document, determinism, exit codes ---


def _break_many(root: Path) -> None:
    """Several findings over several files: errors, warnings, fixable or not."""
    edit(root, ROUTER, "from shop_api.modules.orders.router import", "#")
    edit(root, EXPORTS, '    "billing",\n    "bot",\n', '    "bot",\n    "billing",\n')
    edit(root, ENV, "LLM_MODEL=\n", "# LLM_MODEL=\n")
    edit(root, PYPROJECT, '    "httpx>=0.27",\n', '    "httpx>=0.20",\n')
    (root / "tests/unit/test_orders_service.py").unlink()
    (root / MODELS).write_text(
        (root / MODELS).read_text().replace("# polepos:model-imports", "")
    )


def test_json_document_has_the_spec_shape_and_is_deterministic(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path, FULL)
    _break_many(root)
    first = polepos("check", "--json", cwd=root)
    second = polepos("check", "--json", cwd=root)
    assert first.stdout == second.stdout
    assert first.exit_code == second.exit_code == 1
    data = json.loads(first.stdout)
    assert list(data) == ["passed", "project_root", "package", "issues", "fixed"]
    assert data["passed"] is False
    assert data["project_root"] == str(root.resolve())
    assert data["package"] == "shop_api"
    assert data["fixed"] == []
    keys = ["code", "severity", "message", "hint", "path", "line", "fixable"]
    for issue in data["issues"]:
        assert list(issue) == keys
        assert re.fullmatch(r"PP\d{3}", issue["code"])
        assert issue["severity"] in ("error", "warning")
        assert isinstance(issue["message"], str)
        assert issue["message"]
        assert isinstance(issue["hint"], str)
        assert issue["path"] is None or isinstance(issue["path"], str)
        assert issue["line"] is None or issue["line"] >= 1
        assert isinstance(issue["fixable"], bool)
    order = [
        (i["path"] or "", i["line"] or 0, i["code"], i["message"])
        for i in data["issues"]
    ]
    assert order == sorted(order)
    assert (
        len(
            {"PP201", "PP208", "PP311", "PP322", "PP211", "PP101"}
            & {i["code"] for i in data["issues"]}
        )
        == 6
    ), data["issues"]

    fixed = polepos("check", "--fix", "--json", cwd=root)
    result = json.loads(fixed.stdout)
    assert list(result) == ["passed", "project_root", "package", "issues", "fixed"]
    assert result["fixed"]
    assert all(isinstance(x, str) for x in result["fixed"])
    assert fixed.exit_code == (0 if result["passed"] else 1)
    assert not [i for i in result["issues"] if i["fixable"]]


def test_exit_code_is_zero_when_passed_and_one_while_an_error_remains(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path, ("orders:crud",))
    assert polepos("check", cwd=root).exit_code == 0
    (root / "tests/unit/test_orders_service.py").unlink()  # a warning
    warned = polepos("check", cwd=root)
    assert warned.exit_code == 0
    assert "check passed with 1 warning" in warned.stdout
    (root / f"{PKG}/main.py").unlink()  # an error --fix cannot repair
    failed = polepos("check", cwd=root)
    assert failed.exit_code == 1
    assert "check failed: 1 error" in failed.stdout
    assert polepos("check", "--fix", cwd=root).exit_code == 1


# --- outside a project, into a closed pipe ---


@pytest.mark.parametrize("fix", [False, True], ids=["check", "fix"])
def test_outside_a_project_json_reports_pp000_only(
    polepos: Runner, tmp_path: Path, fix: bool
) -> None:
    exit_code, data = check_json(polepos, tmp_path, *(["--fix"] if fix else []))
    assert exit_code == 1
    assert data["passed"] is False
    assert data["project_root"] is None
    assert data["package"] is None
    assert [issue["code"] for issue in data["issues"]] == ["PP000"]
    assert data["issues"][0]["severity"] == "error"
    assert data["fixed"] == []
    text = polepos("check", cwd=tmp_path)
    assert text.exit_code == 1
    assert "PP000" in text.stdout
    assert "Traceback" not in text.stdout + text.stderr


def test_check_into_a_closed_pipe_prints_no_traceback(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path)
    # Over a megabyte of findings, far beyond a pipe buffer: `head` closes early.
    modules = "".join(f'm{i:04d} = "standard"\n' for i in range(1500))
    edit(root, MANIFEST, "[modules]\n", "[modules]\n" + modules)
    completed = subprocess.run(
        f"'{sys.executable}' -m pole_position check | head -1",
        shell=True,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.stdout.count("\n") == 1
    assert "PP2" in completed.stdout
    assert "Traceback" not in completed.stderr
    assert "Error" not in completed.stderr, completed.stderr


# --- --fix never deletes a file ---


ORPHAN_AND_MORE: list[Callable[[Path], None]] = [
    _break_many,
    lambda root: edit(
        root,
        ROUTER,
        'api_router.include_router(billing_router, prefix="/billing", '
        'tags=["billing"])\n',
        'api_router.include_router(billing_router, prefix="/billing", '
        'tags=["billing"])\n' * 2,
    ),
    lambda root: edit(root, MANIFEST, 'billing = "standard"\n', ""),
    lambda root: edit(root, SETTINGS, "    # polepos:integration-settings\n", ""),
    lambda root: edit(root, ENV, "# polepos:auth-env\n", ""),
]


def test_fix_never_deletes_a_file(polepos: Runner, tmp_path: Path) -> None:
    root = generate(polepos, tmp_path, FULL)
    for provoke in ORPHAN_AND_MORE:
        provoke(root)
    shutil.rmtree(root / PKG / "modules" / "billing")  # orphans billing's wiring
    before = set(tree_digest(root))
    _, report = check_json(polepos, root)
    assert sum(issue["fixable"] for issue in report["issues"]) >= 6
    fixed = polepos("check", "--fix", cwd=root)
    assert "fixed:" in fixed.stdout
    assert set(tree_digest(root)) >= before
    _, again = check_json(polepos, root)
    assert not [issue for issue in again["issues"] if issue["fixable"]]
