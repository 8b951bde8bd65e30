"""Golden cases (tests/cases/<kind>/<case>.py) and the invariants every case obeys."""

from __future__ import annotations

import libcst as cst
import pytest

from codemods import Presence, WiringError
from codemods.provenance import claim_errors
from codemods.python_source import PYTHON
from tests.codemods._support import Case, all_cases, make_operation

CASES = all_cases()
OK = [c for c in CASES if c.error is None and c.refuse is None]
ERRORS = [c for c in CASES if c.error is not None]
REFUSALS = [c for c in CASES if c.refuse is not None]


def _variants(case: Case) -> list[tuple[str, str, str | None]]:
    crlf_expected = case.expected.replace("\n", "\r\n") if case.expected else None
    return [
        ("lf", case.source, case.expected),
        ("crlf", case.source.replace("\n", "\r\n"), crlf_expected),
    ]


PARAMS = [
    pytest.param(case, ending, source, expected, id=f"{case.id}-{ending}")
    for case in OK
    for ending, source, expected in _variants(case)
]


@pytest.mark.parametrize(("case", "ending", "source", "expected"), PARAMS)
def test_golden(case: Case, ending: str, source: str, expected: str) -> None:
    operation = make_operation(case.kind, case.args)
    module = PYTHON.parse(source)
    assert operation.observe(module).presence is Presence.ABSENT

    applied = operation.apply(module)
    assert PYTHON.render(applied) == expected

    # The output parses (from text, not only as a tree) with the same newline.
    reparsed = cst.parse_module(expected)
    assert reparsed.code == expected
    if ending == "crlf":
        assert "\n" not in expected.replace("\r\n", "")

    # Idempotence, exact inverse, and agreement of the checker.
    assert PYTHON.render(operation.apply(reparsed)) == expected
    assert operation.observe(reparsed).presence is Presence.PRESENT
    assert operation.check(reparsed) == []
    inverted = operation.invert(reparsed)
    assert PYTHON.render(inverted) == source
    assert operation.observe(inverted).presence is Presence.ABSENT
    assert PYTHON.render(operation.invert(inverted)) == source
    assert operation.check(inverted)


@pytest.mark.parametrize("case", ERRORS, ids=[c.id for c in ERRORS])
def test_golden_errors(case: Case) -> None:
    operation = make_operation(case.kind, case.args)
    module = PYTHON.parse(case.source)
    for face in (operation.apply, operation.invert, operation.observe):
        with pytest.raises(WiringError) as raised:
            face(module)
        assert case.error is not None
        assert case.error in str(raised.value)
        assert raised.value.path == operation.path


REFUSAL_PARAMS = [
    pytest.param(case, source, id=f"{case.id}-{ending}")
    for case in REFUSALS
    for ending, source, _ in _variants(case)
]


@pytest.mark.parametrize(("case", "source"), REFUSAL_PARAMS)
def test_golden_refusals(case: Case, source: str) -> None:
    """User code in the way: apply refuses with file:line, check names the code and
    line, add refuses up front, and the inverse never deletes the user's lines."""
    operation = make_operation(case.kind, case.args)
    module = PYTHON.parse(source)
    with pytest.raises(WiringError) as raised:
        operation.apply(module)
    assert raised.value.path == operation.path
    assert raised.value.line
    found = [(f.code, f.line) for f in operation.check(module)]
    assert (case.refuse, case.line) in found
    if case.refuse in ("PP207", "PP270"):
        assert claim_errors(operation, module)
    try:
        inverted = operation.invert(module)
    except WiringError as error:  # refusing to invert is legal, if it says where
        assert error.line  # noqa: PT017
    else:
        assert PYTHON.render(inverted) == source


def test_there_are_cases_for_every_kind() -> None:
    assert {c.kind for c in OK} == {"router", "model", "export", "settings"}
