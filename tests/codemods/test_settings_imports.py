"""Settings blocks import the `typing` names their annotations need, and take back
exactly the imports they added: never one the project wrote."""

from __future__ import annotations

import pytest

from codemods import codes
from codemods.python_source import PYTHON
from codemods.settings import (
    SettingsFields,
    imports_note,
    parse_imports_note,
)
from tests.codemods._support import is_black_clean, is_isort_clean

PATH = "app/core/config.py"
KAFKA = SettingsFields(
    PATH,
    "integration-settings",
    [
        ("kafka_enabled", "bool", "False"),
        ("kafka_acks", 'Literal["0", "1", "all"]', '"all"'),
    ],
    "Kafka: polepos add integration kafka",
)
BODY = """

class Settings(BaseSettings):
    name: str = "x"

    # polepos:integration-settings


settings = Settings()
"""
BASE = "from pydantic_settings import BaseSettings\n"
LITERAL = "from typing import Literal\n"


def _text(newline: str, head: str) -> str:
    return (head + BASE + BODY).replace("\n", newline)


def _apply(operation: SettingsFields, text: str) -> str:
    return PYTHON.render(operation.apply(PYTHON.parse(text)))


def _invert(operation: SettingsFields, text: str) -> str:
    return PYTHON.render(operation.invert(PYTHON.parse(text)))


HEADS = {
    "none": ("from functools import lru_cache\n\n", ("Literal",)),
    "typing-any": ("from typing import Any\n\n", ("Literal",)),
    "import-typing": ("import typing\n\n", ("Literal",)),
    "user-literal": ("from typing import Literal\n\n", ()),
    "user-literal-aliased": ("from typing import Literal as Literal\n\n", ()),
    "typing-extensions": ("from typing_extensions import Literal\n\n", ()),
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("head", sorted(HEADS))
def test_add_imports_what_is_unbound_and_remove_gives_the_bytes_back(
    head: str, newline: str
) -> None:
    prefix, unbound = HEADS[head]
    original = _text(newline, prefix)
    operation = KAFKA.owning(PYTHON.parse(original))
    assert operation.imports == tuple(("typing", name) for name in unbound)
    added = _apply(operation, original)
    assert 'kafka_acks: Literal["0", "1", "all"] = "all"' in added
    assert added.count("\n") == added.count(newline)  # no mixed line endings
    assert operation.unbound(PYTHON.parse(added)) == ()
    assert operation.check(PYTHON.parse(added)) == []
    assert _apply(operation, added) == added  # idempotent
    assert _invert(operation, added) == original  # exact inverse
    assert _invert(operation, original) == original
    if newline == "\n" and is_isort_clean(original):
        assert is_black_clean(added)
        assert is_isort_clean(added)


def test_a_project_import_the_block_did_not_add_is_never_removed() -> None:
    """Unused before `add` (the project's own business), it stays after `remove`."""
    original = _text("\n", LITERAL + "\n")
    operation = KAFKA.owning(PYTHON.parse(original))
    assert operation.imports == ()
    added = _apply(operation, original)
    assert added.count(LITERAL) == 1
    assert _invert(operation, added) == original


def test_an_added_import_the_project_started_using_stays() -> None:
    original = _text("\n", "")
    operation = KAFKA.owning(PYTHON.parse(original))
    added = _apply(operation, original)
    used = added.replace('name: str = "x"', 'name: Literal["x"] = "x"')
    removed = _invert(operation, used)
    assert LITERAL in removed
    assert "kafka_" not in removed


def test_check_reports_a_missing_import_fixable_only_when_the_block_added_it() -> None:
    original = _text("\n", "from functools import lru_cache\n\n")
    owning = KAFKA.owning(PYTHON.parse(original))
    added = _apply(owning, original)
    broken = PYTHON.parse(added.replace(LITERAL, ""))

    [finding] = owning.check(broken)
    assert finding.code == codes.SETTINGS_IMPORT_MISSING.code
    assert finding.fixable
    assert "`kafka_acks` uses `Literal`" in finding.message
    assert finding.line == added.splitlines().index(
        '    kafka_acks: Literal["0", "1", "all"] = "all"'
    )  # one line fewer above it: the import is gone
    assert PYTHON.render(owning.apply(broken)) == added

    # The same file where the project had imported it: the project's to repair.
    [finding] = KAFKA.check(broken)
    assert finding.code == codes.SETTINGS_IMPORT_MISSING.code
    assert not finding.fixable
    assert "from typing import Literal" in finding.hint
    assert PYTHON.render(KAFKA.apply(broken)) == PYTHON.render(broken)


def test_the_lock_note_round_trips_and_ignores_what_is_not_a_typing_name() -> None:
    imports = (("typing", "Annotated"), ("typing", "Literal"))
    assert imports_note(imports) == "typing:Annotated,typing:Literal"
    assert parse_imports_note(imports_note(imports)) == imports
    assert parse_imports_note("") == ()
    assert parse_imports_note("os:path, typing:Nope,typing:Literal") == (
        ("typing", "Literal"),
    )


def test_only_typing_names_are_accepted() -> None:
    with pytest.raises(ValueError, match="typing name"):
        SettingsFields(
            PATH, "integration-settings", [("a", "int", "1")], None, [("os", "path")]
        )
