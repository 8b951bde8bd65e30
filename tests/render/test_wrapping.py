"""Templates wrap long lines the way black does, and share one macro file."""

from __future__ import annotations

import ast
import re

import black
import isort
import jinja2
import pytest

from pole_position.cli.services.render.templates import SHARED_FOLDER, template_root
from pole_position.cli.services.render.wrapping import LINE_LENGTH, string_assignment

BLACK = black.Mode(line_length=LINE_LENGTH)
ISORT = isort.Config(profile="black")


def assert_black_keeps(code: str) -> None:
    assert black.format_str(code, mode=BLACK) == code
    assert isort.code(code, config=ISORT) == code


@pytest.mark.parametrize("indent", [0, 4, 8])
@pytest.mark.parametrize("length", range(0, 90, 3))
def test_string_assignment_is_what_black_writes(indent: int, length: int) -> None:
    pieces = ["postgresql+psycopg://postgres:postgres@localhost:5432/", "p" * length]
    assignment = string_assignment("database_url: str", pieces, indent=indent)
    code = f"if True:\n{assignment}\n" if indent == 4 else f"{assignment}\n"
    if indent == 8:
        code = f"if True:\n    if True:\n{assignment}\n"
    assert_black_keeps(code)
    value = ast.literal_eval(assignment.split(" = ", 1)[1].strip())
    assert value == "".join(pieces)


def test_string_assignment_uses_every_shape() -> None:
    shapes = {
        string_assignment("database_url: str", ["a" * 20, "b" * n], indent=4).count(
            "\n"
        )
        for n in range(100)
    }
    assert shapes == {0, 2, 3}


def test_string_assignment_refuses_text_it_cannot_quote() -> None:
    with pytest.raises(ValueError, match="double-quoted"):
        string_assignment("x", ['say "hi"'])


def _from_import(path: str, names: str | list[str]) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(template_root()))
    template = environment.from_string(
        '{% from "_shared/macros.j2" import from_import -%}'
        "{{ from_import(path, names) }}"
    )
    return template.render(path=path, names=names)


@pytest.mark.parametrize("length", range(40, 90, 2))
def test_shared_from_import_is_what_black_and_isort_write(length: int) -> None:
    path = "shop." + "m" * (length - 30)
    for names in (["CONSTANT", "Model", "helper"], "Model"):
        code = _from_import(path, names) + "\n"
        assert max(len(line) for line in code.splitlines()) <= LINE_LENGTH
        assert_black_keeps(code)


def test_no_template_copies_a_macro() -> None:
    """Every macro is defined once, in the shared file every folder imports."""
    definitions: dict[str, list[str]] = {}
    for path in sorted(template_root().rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for name in re.findall(r"\{%-?\s*macro\s+(\w+)", text):
                relative = path.relative_to(template_root()).as_posix()
                definitions.setdefault(name, []).append(relative)
    assert definitions, "the shared macros are missing"
    for name, files in definitions.items():
        assert files == [f"{SHARED_FOLDER}/macros.j2"], (name, files)
