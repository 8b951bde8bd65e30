"""`codemods.layout`: the one place that spells markers and managed paths."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from codemods.layout import MANIFEST_FILE, MARKERS, Layout, LayoutError
from codemods.manifest import new_manifest, read_manifest

REPO = Path(__file__).resolve().parents[2]

# What must not be spelled outside codemods/layout.py: marker comments and the
# paths of the files wiring edits.
FORBIDDEN = (
    "# polepos:",
    "api/router.py",
    "db/models.py",
    "modules/__init__.py",
    "integrations/__init__.py",
    MANIFEST_FILE,
    ".env.example",
    "api_router",
)

# Files whose string literals are prose for people, not paths or anchors the
# code uses; each names the generated layout on purpose.
EXEMPT = {
    # Descriptions of check codes, rendered into docs/checks.md.
    "codemods/codes.py",
    # The sample finding of every code that docs/checks.md shows.
    "pole_position/cli/services/check/docs.py",
    # `polepos codemod --help`: an example command line on a generated project.
    "pole_position/cli/commands/codemod.py",
    # `polepos delete --help`: what makes a folder a project.
    "pole_position/cli/commands/delete.py",
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            found.add(id(body[0].value))
    return found


def _literals() -> list[tuple[str, int, str]]:
    found = []
    for folder in ("codemods", "pole_position"):
        for path in sorted((REPO / folder).rglob("*.py")):
            relative = path.relative_to(REPO).as_posix()
            if relative == "codemods/layout.py" or relative in EXEMPT:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = _docstrings(tree)
            found.extend(
                (relative, node.lineno, node.value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            )
    return found


def test_no_marker_or_managed_path_literal_outside_the_layout() -> None:
    offenders = [
        f"{path}:{line}: {needle!r}"
        for path, line, text in _literals()
        for needle in FORBIDDEN
        if needle in text
    ]
    assert offenders == [], "use codemods.layout instead:\n" + "\n".join(offenders)


def test_the_grep_test_sees_a_planted_literal() -> None:
    # The scan reads string constants, so a literal in code is caught while the
    # same words in a docstring are not.
    source = '"""Mentions # polepos:router-imports."""\nMARKER = "# polepos:x"\n'
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    hits = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and id(node) not in docstrings
    ]
    assert hits == ["# polepos:x"]


def test_every_exemption_still_exists() -> None:
    for relative in EXEMPT:
        assert (REPO / relative).is_file(), relative


def test_markers_are_distinct_marker_comments() -> None:
    every = [*MARKERS.wiring, MARKERS.fields]
    assert len(set(every)) == len(every)
    assert all(marker.startswith("# polepos:") for marker in every)


def test_default_layout_is_the_generated_project() -> None:
    layout = Layout.default("shop_api")
    assert layout.router_file == "src/shop_api/api/router.py"
    assert layout.models_file == "src/shop_api/db/models.py"
    assert layout.module_exports_file == "src/shop_api/modules/__init__.py"
    assert layout.module_package("orders") == "shop_api.modules.orders"
    assert layout.module_dir("orders") == "src/shop_api/modules/orders"
    assert layout.source_root == "src"
    assert Layout.default("shop_api", "none").models_file is None
    assert Layout.default("shop_api", "none").declarative_base is None


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none", "custom"])
def test_table_round_trip(db: str) -> None:
    layout = Layout.default("shop_api", db)
    assert Layout.from_table("shop_api", db, layout.to_table()) == layout
    assert Layout.from_table("shop_api", db, {}) == layout
    assert Layout.from_table("shop_api", db, None) == layout


def test_flat_layout_fills_missing_keys_below_its_package() -> None:
    layout = Layout.from_table(
        "app",
        "postgres",
        {
            "package_dir": "app",
            "router_file": "app/api/main.py",
            "router_receiver": "router",
            "models_file": "app/alembic/env.py",
        },
    )
    assert layout.source_root == ""
    assert layout.modules_dir == "app/modules"
    assert layout.module_package("orders") == "app.modules.orders"
    assert layout.settings_file == "app/settings.py"
    assert layout.place("src/app/modules/orders/router.py") == (
        "app/modules/orders/router.py"
    )
    assert layout.place("tests/unit/test_orders.py") == "tests/unit/test_orders.py"
    assert not layout.is_default
    assert Layout.from_table("app", "postgres", layout.to_table()) == layout


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ({"router_file": "../outside.py"}, "not a plain relative path"),
        ({"router_file": "/etc/router.py"}, "absolute"),
        ({"modules_dir": "elsewhere/modules"}, "inside package_dir"),
        ({"router_receiver": "not-a-name"}, "not a Python name"),
        ({"declarative_base": "a..b"}, "dotted"),
        ({"router_file": "src/shop_api/api/router.txt"}, ".py"),
        ({"package_dir": "src/other"}, "must end in the package folder"),
        ({"surprise": "x"}, "unknown key"),
        ({"tests_dir": 3}, "must be a string"),
    ],
)
def test_invalid_tables_are_refused(table: dict[str, object], problem: str) -> None:
    with pytest.raises(LayoutError, match=problem):
        Layout.from_table("shop_api", "sqlite", table)


def test_manifest_reads_layout_and_reports_a_bad_one() -> None:
    text = new_manifest("shop_api", "sqlite")
    assert read_manifest(text).layout == Layout.default("shop_api", "sqlite")
    custom = text + '\n[layout]\nrouter_receiver = "router"\n'
    manifest = read_manifest(custom)
    assert manifest.errors == []
    assert manifest.layout is not None
    assert manifest.layout.router_receiver == "router"
    broken = read_manifest(text + '\n[layout]\nrouter_file = "../x.py"\n')
    assert broken.layout is None
    [finding] = broken.errors
    assert finding.code == "PP017"
    assert finding.line == len(text.splitlines()) + 2
