"""The `ast` readers of `codemods.text_source` against the LibCST ones they stand for.

Every variant of the generated wiring files (each line dropped, duplicated,
re-indented, a marker inserted at every line, ...) is read both ways: where the
text reader answers, its answer must equal LibCST's; on the files as generated
it must answer (that is the point of it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest

import codemods.python_source as py
import codemods.text_source as ts
from codemods import export, model, router
from codemods.layout import MARKERS, Layout
from codemods.python_text import outline, parse
from tests.conftest import run_polepos_process

LAYOUT = Layout.default("shop_api", "sqlite")
PKG = "src/shop_api"
FILES = {
    f"{PKG}/api/router.py": (MARKERS.router_imports, MARKERS.router_includes),
    f"{PKG}/db/models.py": (MARKERS.model_imports,),
    f"{PKG}/modules/__init__.py": (MARKERS.module_exports,),
    f"{PKG}/integrations/__init__.py": (MARKERS.integration_exports,),
    f"{PKG}/settings.py": MARKERS.settings_order,
}
EXTRA = '''
class Outer:
    """Doc."""

    x: int = 1
    # polepos:router-imports

    def method(self) -> None:
        pass
        # polepos:router-includes

values = [  # polepos:model-imports
    "a",  # trailing
    # polepos:module-exports
    ("b"),
    # polepos:integration-exports
]
text = """
# polepos:auth-settings
"""
call(
    # polepos:llm-settings
    1,
)
if True:
    pass
    # polepos:integration-settings
else:
    pass
'''


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The wiring files of a project with three modules (two with models)."""
    parent = tmp_path_factory.mktemp("text-source")
    assert (
        run_polepos_process("start", "shop-api", "--no-git", cwd=parent).returncode == 0
    )
    root = parent / "shop-api"
    for name, template in (
        ("orders", "crud"),
        ("alpha", "standard"),
        ("note", "service-only"),
    ):
        added = run_polepos_process(
            "add", "module", name, "--template", template, "--no-install", cwd=root
        )
        assert added.returncode == 0, added.stderr
    return {path: (root / path).read_text() for path in FILES}


def _libcst_spot(module: cst.Module, marker: str) -> tuple[object, ...] | None:
    sites = py.scan(module).markers.get(marker, [])
    if len(sites) != 1:
        return None
    site = sites[0]
    if isinstance(site, py.ListSite):
        return ("list", py.line_of(module, site.node), site.slot)
    body = site.suite.body
    # Lines, not indexes: `x = 1; y = 2` is one LibCST statement but two in `ast`.
    after = body[site.index] if site.index < len(body) else None
    return (
        "statement",
        py.line_of(module, body[0]),
        py.line_of(module, after) if after is not None else "end",
        py.line_of(module, body[-1]),
    )


def _text_spot(source: ts.PythonText, marker: str) -> tuple[object, ...] | None:
    spot = source.spot(marker)
    if spot is None:
        return None
    if isinstance(spot, ts.ListSpot):
        return ("list", spot.node.lineno, spot.slot)
    body = spot.body
    # LibCST's position of a decorated statement is its `def`/`class` line.
    after = body[spot.index].lineno if spot.index < len(body) else "end"
    return ("statement", body[0].lineno, after, body[-1].lineno)


def _readers(
    path: str, text: str, module: cst.Module
) -> Iterator[tuple[str, object, object]]:
    """(what, LibCST's answer, the text reader's) for each block reader of `path`."""
    source = ts.PythonText(text)
    modules = LAYOUT.modules_package
    if path.endswith("router.py"):
        try:
            order = [f for f in router.block_findings(module, LAYOUT, path) if f]
            wired: object = None if order else router.wired_modules(module, LAYOUT)
        except Exception:  # any LibCST refusal means "undecided"
            wired = None
        markers = (MARKERS.router_imports, MARKERS.router_includes)
        yield "router", wired, ts.router_modules(
            source, modules, LAYOUT.router_receiver, markers
        )
    elif path.endswith("models.py"):
        try:
            order = model.block_findings(module, LAYOUT, path)
            wired = None if order else model.wired_modules(module, LAYOUT)
        except Exception:
            wired = None
        yield "model", wired, ts.model_modules(source, modules, MARKERS.model_imports)
    elif path.endswith("__init__.py"):
        marker = (
            MARKERS.module_exports if "modules" in path else MARKERS.integration_exports
        )
        try:
            order = export.block_findings(module, marker, path)
            names: object = export.wired_names(module, marker, path)
        except Exception:
            order, names = [], None
        yield "exports", None if order else names, ts.export_names(
            source, marker, order=True
        )
        yield "exports-unordered", names, ts.export_names(source, marker, order=False)


def _compare(path: str, text: str, *, must_answer: bool = False) -> int:
    """Assert both readers agree wherever the text one answers; how many it did."""
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        assert all(ts.PythonText(text).spot(m) is None for m in MARKERS.wiring)
        return 0
    answered = 0
    for marker in (*FILES[path], MARKERS.router_includes):
        mine = _text_spot(ts.PythonText(text), marker)
        if mine is not None:
            answered += 1
            assert mine == _libcst_spot(module, marker), (marker, text)
        elif must_answer and marker in FILES[path]:
            raise AssertionError(f"{path}: {marker} undecided as generated")
    for what, theirs, mine in _readers(path, text, module):
        if mine is not None:
            answered += 1
            assert mine == theirs, (what, text)
        elif must_answer:
            raise AssertionError(f"{path}: {what} undecided as generated")
    return answered


def _variants(path: str, text: str) -> Iterator[str]:
    lines = text.split("\n")
    markers = [*FILES[path], MARKERS.router_includes]
    # Lines near the managed blocks: the rest of a long file adds time, not cases.
    near = [i for i, line in enumerate(lines) if "polepos:" in line]
    window = range(max(0, near[0] - 6), min(len(lines), near[-1] + 6) + 1)
    for index in window:
        yield "\n".join(lines[:index] + lines[index + 1 :])
        if index < len(lines):
            yield "\n".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
            yield "\n".join(
                [*lines[:index], "    " + lines[index], *lines[index + 1 :]]
            )
            yield "\n".join(
                [*lines[:index], lines[index].lstrip(), *lines[index + 1 :]]
            )
        for marker in markers[index % 2 :: 2]:
            for indent in ("", "    "):
                yield "\n".join([*lines[:index], indent + marker, *lines[index:]])
        yield "\n".join([*lines[:index], "x = 1; y = 2", *lines[index:]])


def test_the_generated_files_are_decided_from_text(generated: dict[str, str]) -> None:
    for path, text in generated.items():
        assert _compare(path, text, must_answer=True)


@pytest.mark.parametrize("path", list(FILES))
def test_text_and_libcst_readers_agree_on_every_variant(
    generated: dict[str, str], path: str
) -> None:
    answered = sum(
        _compare(path, variant) for variant in _variants(path, generated[path])
    )
    assert answered > 0


def test_odd_shapes_are_left_to_libcst_or_agree(generated: dict[str, str]) -> None:
    for path in FILES:
        _compare(path, generated[path] + EXTRA)
        _compare(path, EXTRA)
        _compare(path, generated[path].replace("\n", "\r\n"))
        _compare(path, generated[path].replace("    ", "\t"))


def test_marker_spelling_and_order_helpers_are_python_sources() -> None:
    # One definition each (codemods.python_text), re-exported by both readers.
    assert ts.normalize_marker is py.normalize_marker
    assert ts.natural_key is py.natural_key
    assert ts.is_sorted is py.is_sorted
    with pytest.raises(ValueError, match="not a PolePosition marker"):
        ts.normalize_marker("# polepos:Bad")


def test_the_checker_and_the_text_faces_share_one_parse() -> None:
    text = "from a import b\n# polepos:router-imports\n"
    source = ts.PythonText(text)
    assert source.tree is not None
    assert source.tree is parse(text)
    found = outline(text)
    assert found is not None
    assert found.body[0].node is source.tree.body[0]


def test_files_that_do_not_parse_are_undecided(tmp_path: Path) -> None:
    assert ts.PythonText("x = (\n# polepos:router-imports\n").tree is None
    assert ts.PythonText("x = 1\r\n").spot(MARKERS.router_imports) is None
