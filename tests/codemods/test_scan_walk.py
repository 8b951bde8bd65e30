"""The scan's read-only walk sees what LibCST's own traversal sees, in its order."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from codemods import python_source as py

ROOT = Path(__file__).resolve().parents[2]
# The tool's own sources (nested blocks, decorators, comprehensions, lists with
# comments) and a user file exercising the node kinds whose fields LibCST declares
# in another order than it visits them.
SOURCES = sorted((ROOT / "codemods").glob("*.py")) + sorted(
    (ROOT / "pole_position/cli/services/check").glob("*.py")
)
TRICKY = """\
import os
from x import (a,  # polepos:inline
    b)

@app.include_router(decorated)
def f(x=[  # polepos:in-default
    1,
]):
    router.include_router(y if router.include_router(z) else w)
    try:
        pass
    except r.include_router(handled):
        r.include_router(body)
    match x:
        case [a] if r.include_router(guard):
            r.include_router(case_body)
    return [include_router(q) for q in (r.include_router(t),)]
    # polepos:footer


def g(
    a=r.include_router(posonly), /, b=r.include_router(plain), *,
    c=r.include_router(kw),
) -> r.include_router(returns):
    pass


@r.include_router(class_decorator)
class C(r.include_router(base)):
    # polepos:in-class
    items = [
        # polepos:in-list
        1,
    ]
"""


def _facts(scan: py.Scan) -> tuple[list[int], list[int], dict[str, list[int]]]:
    return (
        [id(node) for node in scan.imports],
        [id(node) for node in scan.calls],
        {
            key: [id(site.comment) for site in sites]
            for key, sites in scan.markers.items()
        },
    )


@pytest.mark.parametrize(
    "source",
    [TRICKY, *(path.read_text(encoding="utf-8") for path in SOURCES)],
    ids=["tricky", *(path.name for path in SOURCES)],
)
def test_walk_matches_libcst_visit(source: str) -> None:
    module = cst.parse_module(source)
    by_libcst = py._Scanner()
    module.visit(by_libcst)
    by_walk = py._Scanner()
    py.walk(module, by_walk)
    assert _facts(by_walk.scan) == _facts(by_libcst.scan)


def test_tricky_source_has_every_kind_of_fact() -> None:
    scan = py.scan(cst.parse_module(TRICKY))
    assert len(scan.calls) == 14
    assert {"# polepos:footer", "# polepos:in-class", "# polepos:in-list"} <= set(
        scan.markers
    )
