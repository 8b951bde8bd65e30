"""`docs/checks.md` is generated from the code registry and kept in sync with it."""

from __future__ import annotations

import re

from codemods.codes import CODES
from pole_position.cli.output import strip_location
from pole_position.cli.services.check.docs import (
    EXAMPLE_LOCATIONS,
    EXAMPLES,
    REGENERATE,
    example_line,
    render_checks_doc,
)
from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "checks.md"


def test_checks_doc_is_generated_from_the_registry() -> None:
    assert DOC.is_file(), f"docs/checks.md is missing; run: {REGENERATE}"
    assert (
        DOC.read_text(encoding="utf-8") == render_checks_doc()
    ), f"docs/checks.md is out of date with codemods/codes.py; run: {REGENERATE}"


def test_every_code_has_an_example_and_a_section() -> None:
    assert set(EXAMPLES) == set(CODES), "EXAMPLES and CODES name different codes"
    assert set(EXAMPLE_LOCATIONS) <= set(CODES)
    rendered = render_checks_doc()
    for code in CODES.values():
        assert EXAMPLES[code.code].strip()
        assert f"### {code.code}: {code.title}" in rendered
        assert code.description in rendered
        if code.fixable:
            assert code.fix, f"{code.code} is fixable but has no fix text"
            assert code.fix in rendered


def test_example_lines_look_like_check_output() -> None:
    line = re.compile(
        r"^(\S+?)(:\d+)?: (PP\d{3}) (error|warning): (.+?)( \(fixable\))?$"
    )
    for code in CODES.values():
        match = line.match(example_line(code))
        assert match, example_line(code)
        assert match.group(3) == code.code
        assert match.group(4) == code.severity
        assert bool(match.group(6)) is code.fixable
        # The location is printed once: a message naming it first loses the prefix.
        path, number = EXAMPLE_LOCATIONS.get(code.code, (None, None))
        assert match.group(5) == strip_location(path, number, EXAMPLES[code.code])


def test_every_layer_heading_lists_its_codes_in_order() -> None:
    rendered = render_checks_doc()
    positions = [rendered.index(f"### {code}:") for code in sorted(CODES)]
    assert positions == sorted(positions)
