"""Deciding Python wiring on text first, parsing with LibCST only when a face declines.

Each Python wiring kind has text faces (`codemods._core.TextShortcut`) that
answer for the shape the tool writes and return None otherwise; the LibCST faces
stay the definition. With `POLEPOS_VERIFY_TEXT_FACES=1` (the test suite sets it)
every answer a text face gives is compared with its LibCST face's, and a
difference is an error: the whole suite then proves the two agree.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from codemods import Finding, TextShortcut, WiringError

if TYPE_CHECKING:
    from codemods.provenance import Collision
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.wiring_types import AnyWiring

VERIFY = "POLEPOS_VERIFY_TEXT_FACES"


class TextFaceMismatch(AssertionError):
    """A text face answered differently from the LibCST face it stands for."""


@runtime_checkable
class TextClaiming(Protocol):
    """Wiring that can tell on text that nothing of it is in a file yet."""

    def claims_text(self, text: str) -> list[Collision] | None:
        """`collisions(document, fresh=True)`, or None when only LibCST can tell."""
        ...


def verifying() -> bool:
    """True when every text answer is to be checked against LibCST."""
    return os.environ.get(VERIFY) == "1"


def _sources(
    operation: AnyWiring, changes: ChangeSet
) -> tuple[str, Callable[[], object]]:
    """The operation's file text in `changes`, and its parsed document on demand."""
    path = operation.path
    return changes.text(path), partial(changes.document, path, operation.format)


def checked(operation: AnyWiring, changes: ChangeSet) -> list[Finding] | None:
    """`operation.check_text` on its file in `changes`, compared with `check` when
    verifying."""
    text, document = _sources(operation, changes)
    if not isinstance(operation, TextShortcut):
        return None
    found = operation.check_text(text)
    if found is not None and verifying():
        expected = operation.check(document())
        _same(found, expected, "check", operation)
    return found


def claimed(operation: AnyWiring, changes: ChangeSet) -> list[Collision] | None:
    """`operation.claims_text` on its file in `changes`, compared with
    `collisions(fresh=True)` (a wiring error there counts as none: `add` reports
    it when applying)."""
    text, document = _sources(operation, changes)
    if not isinstance(operation, TextClaiming):
        return None
    found = operation.claims_text(text)
    if found is not None and verifying():
        try:
            expected = operation.collisions(document(), fresh=True)  # type: ignore[attr-defined]
        except WiringError:
            expected = []
        _same(found, expected, "collisions", operation)
    return found


def same_edit(text: str | None, libcst_text: Callable[[], str], what: str) -> None:
    """When verifying, fail unless the text faces' result is LibCST's."""
    if text is not None and verifying():
        try:
            expected = libcst_text()
        except Exception as exc:  # LibCST refuses what the text faces did
            expected = f"{type(exc).__name__}: {exc}"
        _same(text, expected, "edit", what)


def _same(found: object, expected: object, face: str, operation: object) -> None:
    if found != expected:
        raise TextFaceMismatch(
            f"text face {face} of {operation!r} gave {found!r}, LibCST {expected!r}"
        )
