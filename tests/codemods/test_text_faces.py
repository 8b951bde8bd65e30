"""The text faces (codemods._core.TextShortcut) answer exactly as LibCST, or not at all.

Every golden case (and its CRLF variant) runs through both faces: where a text
face answers, the answer is the LibCST face's. The managed files as the
templates write them are answered; odd shapes are declined (None).
"""

from __future__ import annotations

import ast
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codemods import Finding, TextShortcut, WiringError
from codemods.export import ExportEntry, module_export
from codemods.layout import Layout
from codemods.model import ModelImport
from codemods.python_source import PYTHON
from codemods.router import RouterWiring
from tests.codemods._support import PACKAGE, Case, all_cases, make_operation

LAYOUT = Layout.default(PACKAGE)
KINDS = ("router", "model", "export")
CASES = [case for case in all_cases() if case.kind in KINDS]

ROUTER = f'''"""API composition."""

from fastapi import APIRouter

from {PACKAGE}.modules.items.router import router as items_router
from {PACKAGE}.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(items_router, prefix="/items", tags=["items"])
api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
'''
MODELS = f'''"""Model aggregation."""


def import_models() -> None:
    """Import every module's models."""
    from {PACKAGE}.modules.items import model as items_model

    # polepos:model-imports
'''
EXPORTS = '''"""Feature modules."""

__all__ = [
    "items",
    "status",
    # polepos:module-exports
]
'''


def _libcst(operation: Any, face: str, text: str) -> str | list[Finding] | None:
    """The LibCST face's answer; None when it refuses (a wiring error)."""
    try:
        if face == "check":
            result: list[Finding] = operation.check(PYTHON.parse(text))
            return result
        return PYTHON.render(getattr(operation, face)(PYTHON.parse(text)))
    except WiringError:
        return None


def _agree(operation: TextShortcut, text: str) -> int:
    """How many of the three text faces answered; each answer is LibCST's."""
    answered = 0
    for face in ("apply", "invert", "check"):
        found = getattr(operation, f"{face}_text")(text)
        if found is not None:
            answered += 1
            assert found == _libcst(operation, face, text), face
    return answered


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden_cases_agree_with_libcst(case: Case, ending: str) -> None:
    operation = make_operation(case.kind, case.args)
    for text in (case.source, case.expected):
        if text is not None:
            _agree(operation, text.replace("\n", ending))


@pytest.mark.parametrize(
    ("operation", "text"),
    [
        (RouterWiring.of(LAYOUT, "orders"), ROUTER),
        (RouterWiring.of(LAYOUT, "aaa"), ROUTER),
        (RouterWiring(PACKAGE, "orders"), ROUTER),  # the receiver read from the file
        (RouterWiring.of(LAYOUT, "x" * 70), ROUTER),  # wrapped as black wraps it
        (ModelImport.of(LAYOUT, "orders"), MODELS),
        (ModelImport.of(LAYOUT, "aaa"), MODELS),
        (ModelImport.of(LAYOUT, "x" * 70), MODELS),
        (module_export(LAYOUT, "orders"), EXPORTS),
        (module_export(LAYOUT, "aaa"), EXPORTS),
    ],
)
def test_the_shapes_the_tool_writes_are_decided_on_text(
    operation: Any, text: str
) -> None:
    # Absent: apply and invert answer (check leaves the findings to LibCST).
    assert _agree(operation, text) == 2
    applied = operation.apply_text(text)
    assert applied != text
    # Present: all three answer, and invert gives the exact text back.
    assert _agree(operation, applied) == 3
    assert operation.check_text(applied) == []
    assert operation.apply_text(applied) == applied
    assert operation.invert_text(applied) == text


def test_the_only_entry_takes_its_separator_line_back() -> None:
    empty = MODELS.replace(
        f"    from {PACKAGE}.modules.items import model as items_model\n\n", ""
    )
    operation = ModelImport.of(LAYOUT, "orders")
    applied = operation.apply_text(empty)
    assert applied == MODELS.replace("items", "orders")
    assert _agree(operation, empty) == 2
    assert operation.invert_text(applied) == empty


ROUTER_ODD = {
    "crlf": ROUTER.replace("\n", "\r\n"),
    "tab": ROUTER.replace("api_router = APIRouter()", "api_router = APIRouter()\t"),
    "no final newline": ROUTER.rstrip("\n"),
    "duplicated marker": ROUTER + "# polepos:router-includes\n",
    "marker in a docstring": ROUTER.replace(
        '"""API composition."""', '"""API composition.\n# polepos:router-imports\n"""'
    ).replace("\n# polepos:router-imports\n\napi", "\napi"),
    "comment in the block": ROUTER.replace(
        "from shop_api.modules.status", "# users' note\nfrom shop_api.modules.status"
    ),
    "two statements on a line": ROUTER.replace(
        "from shop_api.modules.status", "import os; from shop_api.modules.status"
    ),
    "indented marker": ROUTER.replace(
        "# polepos:router-includes", "    # polepos:router-includes"
    ),
    "not Python": ROUTER + "def (:\n",
}


@pytest.mark.parametrize("text", ROUTER_ODD.values(), ids=ROUTER_ODD.keys())
def test_odd_router_files_are_left_to_libcst(text: str) -> None:
    for module in ("items", "orders"):
        operation = RouterWiring.of(LAYOUT, module)
        assert operation.apply_text(text) is None
        assert operation.invert_text(text) is None
        assert operation.check_text(text) is None


@pytest.mark.parametrize(
    ("module", "text"),
    [
        # The module's name elsewhere: perhaps unmanaged wiring, perhaps a string.
        ("orders", ROUTER + "# see orders_router\n"),
        ("orders", ROUTER.replace('"""API composition."""', '"""API: orders."""')),
        # Its include in another shape (a custom prefix is the user's).
        ("items", ROUTER.replace('prefix="/items"', 'prefix="/shop"')),
        # Half wired.
        ("items", ROUTER.replace("api_router.include_router(items_router", "#")),
        # Its import wrapped by hand (LibCST adopts it; black would join it).
        (
            "items",
            ROUTER.replace(
                "import router as items_router",
                "import (\n    router as items_router,\n)",
            ),
        ),
    ],
)
def test_a_module_named_outside_its_managed_lines_is_left_to_libcst(
    module: str, text: str
) -> None:
    operation = RouterWiring.of(LAYOUT, module)
    assert operation.apply_text(text) is None
    assert operation.invert_text(text) is None
    # Whatever the faces still decide for other modules is what LibCST decides.
    _agree(RouterWiring.of(LAYOUT, "other"), text)
    _agree(RouterWiring.of(LAYOUT, "zzz"), text)


def test_odd_model_and_export_files_are_left_to_libcst() -> None:
    for module, text in (
        ("orders", MODELS.replace("\n", "\r\n")),
        ("orders", MODELS + "\n"),  # the marker no longer ends the file
        ("orders", MODELS.replace("    ", "\t")),
        ("orders", MODELS + "orders_model = None\n"),
        ("items", MODELS.replace("items_model", "items_model  # noqa: F401")),
    ):
        model = ModelImport.of(LAYOUT, module)
        assert model.apply_text(text) is None
        assert model.invert_text(text) is None
    export = module_export(LAYOUT, "orders")
    for text in (
        EXPORTS.replace('    "items",', '    "items", "more",'),
        EXPORTS.replace('    "items",', "    'items',"),
        EXPORTS.replace('    "items",', '    # a comment\n    "items",'),
        EXPORTS.replace("__all__ = [", "__all__: list[str] = ["),
        # Listed below the marker: outside the managed block.
        EXPORTS.replace("exports\n", 'exports\n    "orders",\n'),
    ):
        assert export.apply_text(text) is None
    listed_twice = EXPORTS.replace('    "status",', '    "status",\n    "items",')
    assert (
        ExportEntry(LAYOUT.module_exports_file, "items").check_text(listed_twice)
        is None
    )


def test_the_operation_modules_import_no_libcst() -> None:
    from tests.codemods._support import printed_by

    script = (
        "import sys\n"
        "from codemods.router import RouterWiring\n"
        "from codemods.model import ModelImport\n"
        "from codemods.export import module_export\n"
        "from codemods.layout import Layout\n"
        "layout = Layout.default('shop')\n"
        f"text = {ROUTER.replace(PACKAGE, 'shop')!r}\n"
        "assert RouterWiring.of(layout, 'orders').apply_text(text)\n"
        "print('libcst' in sys.modules)\n"
    )
    assert printed_by(script) == "False"


def test_a_first_block_joins_the_first_party_paragraph_above_it() -> None:
    # An adopted file: the managed imports continue the package's own imports.
    router = ROUTER.replace(
        f"from {PACKAGE}.modules.items.router import router as items_router\n"
        f"from {PACKAGE}.modules.status.router import router as status_router\n\n",
        f"from {PACKAGE}.db import session\n",
    ).replace(
        'api_router.include_router(items_router, prefix="/items", tags=["items"])\n',
        "",
    )
    models = MODELS.replace(
        f"    from {PACKAGE}.modules.items import model as items_model\n",
        f"    from {PACKAGE}.db import base\n",
    )
    for operation, text in (
        (RouterWiring.of(LAYOUT, "orders"), router),
        (ModelImport.of(LAYOUT, "orders"), models),
    ):
        applied = operation.apply_text(text)
        assert applied is not None
        assert f"import base\n    from {PACKAGE}.modules.orders" in applied or (
            f"import session\nfrom {PACKAGE}.modules.orders" in applied
        )
        assert _agree(operation, text) == 2
        assert _agree(operation, applied) == 3
        assert operation.invert_text(applied) == text


def _spans(found: Any) -> list[tuple[int, int, type]]:
    return [(s.start, s.end, type(s.node)) for s in found.body]


@pytest.mark.parametrize("module", ["orders", "aaa", "zzz", "items"])
def test_a_router_edit_derives_the_outline_of_its_result(module: str) -> None:
    # The router face's edits are whole statements: the result's outline is
    # derived from the parsed one (the next face and the change set's syntax
    # check parse nothing), and it is the outline a parse gives.
    from codemods import python_text

    python_text.clear_caches()
    operation = RouterWiring.of(LAYOUT, module)
    edited = operation.invert_text(ROUTER) if module == "items" else None
    edited = edited or operation.apply_text(ROUTER)
    assert edited is not None
    assert edited != ROUTER
    derived = python_text.outline(edited)
    assert derived is not None
    assert not derived.exact
    assert python_text.parses(edited)
    parsed = python_text.outline(edited, exact=True)
    assert parsed is not None
    assert parsed.exact
    assert _spans(derived) == _spans(parsed)
    assert python_text.derivation_error(edited) is None
    # And back: derived from a derived outline, still the parsed one.
    back = operation.apply_text(edited) if module == "items" else None
    back = back or operation.invert_text(edited)
    assert back == ROUTER
    assert python_text.derivation_error(back) is None


SOURCE = '''"""Doc."""

import os

x = (
    1,
)


def f():
    return x
# trailing comment

y = 2  \\
    + 3
z = 4
'''


@pytest.mark.parametrize(
    ("edit", "derived"),
    [
        ((3, 4, []), True),  # a whole import
        ((5, 8, ["x = 2"]), True),  # a whole multi-line statement, replaced
        ((13, 13, ["a = 1", "", "b = [", "]"]), True),  # between statements
        ((17, 17, ["w = 5"]), True),  # at the end of the file
        ((10, 12, []), True),  # a whole function
        ((6, 6, ["    0,"]), False),  # inside a statement
        ((5, 6, []), False),  # the first line of a statement only
        ((13, 13, ["a = ("]), False),  # lines that do not parse alone
        ((13, 13, ["b = 1  \\"]), False),  # a continuation across the seam
        ((13, 13, ["    c = 1"]), False),  # indented: not a top-level statement
        ((15, 15, ["v = 1"]), False),  # inside the continued statement
        ((16, 16, ["v = 1"]), True),  # right after it
    ],
)
def test_splice_outline_derives_only_whole_statement_edits(
    edit: tuple[int, int, list[str]], derived: bool
) -> None:
    from codemods import python_text

    python_text.clear_caches()
    found = python_text.outline(SOURCE)
    assert found is not None
    text = python_text.splice_outline(found, [edit])
    assert text == python_text.splice(found.lines, [edit])
    assert python_text.parses(text) is derived
    if derived:
        parsed = python_text.outline(text, exact=True)
        assert parsed is not None
        assert _spans(python_text.outline(text)) == _spans(parsed)


NESTED = '''"""Doc."""


def f():
    """Doc."""
    a = 1
    b = (
        2,
    )
    # c
x = 1
'''


@pytest.mark.parametrize(
    ("edit", "derived"),
    [
        ((6, 6, ["    c = 3"]), True),  # before a statement of the body
        ((10, 10, ["    c = 3", ""]), True),  # after its last statement
        ((11, 11, ["    c = (", "        3,", "    )"]), True),  # joins the body
        ((6, 7, []), True),  # a whole statement
        ((7, 10, []), True),  # a whole multi-line statement and a comment
        ((6, 6, ["", "    # d"]), True),  # blank and comment lines
        ((5, 10, []), False),  # the whole body
        ((8, 8, ["    c = 3"]), False),  # inside a statement
        ((6, 6, ["c = 3"]), False),  # not indented: ends the body
        ((6, 6, ["        c = 3"]), False),  # indented deeper
        ((6, 6, ["    c = 3", "d = 4"]), False),  # a statement outside the body
        ((6, 6, ["    if a:", "        pass", "else:", "    pass"]), False),
        ((4, 4, ["    c = 3"]), False),  # above the `def`
        ((12, 12, ["    c = 3"]), False),  # below the next top-level statement
    ],
)
def test_splice_suite_derives_only_whole_statement_edits_of_a_body(
    edit: tuple[int, int, list[str]], derived: bool
) -> None:
    from codemods import python_text

    python_text.clear_caches()
    found = python_text.outline(NESTED, exact=True)
    assert found is not None
    function = found.body[1].node
    assert isinstance(function, ast.FunctionDef)
    inner = python_text.suite(function.body)
    text = python_text.splice_suite(found, 1, inner, [edit])
    assert text == python_text.splice(found.lines, [edit])
    assert python_text.parses(text) is derived
    if derived:
        assert python_text.derivation_error(text) is None  # spans and statements


@pytest.mark.parametrize(
    ("edit", "derived"),
    [((4, 4, ['    "c",']), True), ((3, 4, []), True), ((2, 2, ["y = 1"]), False)],
)
def test_splice_statement_derives_edits_inside_the_statement(
    edit: tuple[int, int, list[str]], derived: bool
) -> None:
    from codemods import python_text

    python_text.clear_caches()
    source = 'import os\n__all__ = [\n    "a",\n    "b",\n]\n'
    found = python_text.outline(source)
    assert found is not None
    after = ast.parse(python_text.splice(found.lines, [edit])).body[1]
    text = python_text.splice_statement(found, 1, [edit], after)
    assert python_text.parses(text) is derived
    if derived:
        assert python_text.derivation_error(text) is None
        # A caller vouching for the wrong statement is caught by verification.
        python_text.clear_caches()
        python_text.splice_statement(found, 1, [edit], ast.parse("x = 1").body[0])
        assert python_text.derivation_error(text) is not None


@pytest.mark.parametrize("names", [["orders"], ["aaa", "zzz", "orders"]])
def test_model_and_export_edits_derive_their_results(names: list[str]) -> None:
    # One parse of each file, whatever number of modules a command wires: the
    # next face reads the derived outline (the model face its derived block).
    from codemods import python_text

    python_text.clear_caches()
    for source, operation_of in (
        (MODELS, lambda name: ModelImport.of(LAYOUT, name)),
        (EXPORTS, lambda name: module_export(LAYOUT, name)),
    ):
        text = source
        for name in names:
            edited = operation_of(name).apply_text(text)
            assert edited is not None
            assert edited != text
            assert python_text.parses(edited)
            assert python_text.derivation_error(edited) is None
            text = edited
        for name in reversed(names):
            edited = operation_of(name).invert_text(text)
            assert edited is not None
            assert python_text.parses(edited)
            assert python_text.derivation_error(edited) is None
            text = edited
        assert text == source


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(st.text(alphabet="ab_1 .-\u00e9", max_size=12), max_size=8),
    word=st.sampled_from(["a", "ab", "b_1", "_", "1", "a-b", "", "\u00e9", "ab ab"]),
    allowed=st.sets(st.integers(min_value=1, max_value=8), max_size=4),
)
def test_one_word_is_found_as_every_word_is(
    lines: list[str], word: str, allowed: set[int]
) -> None:
    # `only_on` searches for its word alone; `words` (every word of the file,
    # what rename reads) is the definition.
    from codemods.python_text import Outline

    text = "".join(f"{line}\n" for line in lines)
    alone = Outline(text, None, [])
    every = Outline(text, None, [])
    assert alone.lines_of(word) == every.words.get(word, [])
    assert every.lines_of(word) == every.words.get(word, [])
    assert alone.only_on(word, sorted(allowed)) == (
        set(every.words.get(word, ())) <= allowed
    )
