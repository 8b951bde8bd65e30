"""The one small interface every wiring kind implements: apply, invert, check.

An operation is pure: it takes the parsed form of one file (a `libcst.Module`
for Python, an `EnvDocument` for `.env.example`, a `tomlkit.TOMLDocument` for
TOML) and returns a new one. Parsing and rendering belong to the file's
`DocumentFormat`, so a caller parses each file once, runs every operation of
that file over the same document, and renders once.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import (
    Generic,
    Literal,
    NamedTuple,
    Protocol,
    TypeVar,
    cast,
    runtime_checkable,
)

Severity = Literal["error", "warning"]

# The parsed form of one file: `libcst.Module`, `EnvDocument`, `TOMLDocument`, ...
D = TypeVar("D")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a project, as `polepos check` reports it."""

    code: str
    severity: Severity
    message: str
    hint: str
    path: str | None = None
    line: int | None = None
    fixable: bool = False

    def as_dict(self) -> dict[str, str | int | bool | None]:
        """The JSON shape `polepos check --format json` prints (docs/checks.md)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "line": self.line,
            "fixable": self.fixable,
        }

    @classmethod
    def from_dict(cls, data: object) -> Finding:
        """The finding `as_dict()` described, as the check cache keeps it."""
        fields = cast("dict[str, object]", data)
        return cls(
            code=str(fields["code"]),
            severity=cast("Severity", fields["severity"]),
            message=str(fields["message"]),
            hint=str(fields["hint"]),
            path=cast("str | None", fields["path"]),
            line=cast("int | None", fields["line"]),
            fixable=bool(fields["fixable"]),
        )


class Presence(enum.Enum):
    """What a checker saw of one expected piece of wiring."""

    PRESENT = "present"
    ABSENT = "absent"
    DUPLICATED = "duplicated"
    ORPHANED = "orphaned"
    UNMANAGED = "unmanaged"


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Observation(NamedTuple):
    """A checker's verdict on one piece of wiring, with the lines it points at."""

    presence: Presence
    lines: tuple[int, ...] = ()
    detail: str = ""


class WiringError(Exception):
    """An operation cannot be applied safely (missing marker, conflicting pin, ...)."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def located(self, path: str | None = None) -> str:
        """The message naming its file (and line) exactly once.

        Codemods often name the file in the message already; prefixing it again
        is what gave `router.py: router.py: marker ...`.
        """
        where = self.path or path
        if where is None or self.message.startswith(f"{where}:"):
            return self.message
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class DocumentFormat(Protocol[D]):
    """How one kind of file is parsed into a document and rendered back, losslessly.

    Each format also carries a `name` ("python", "toml", "env", "lock") for
    messages; the protocol leaves it out so structural twins match it.
    """

    def parse(self, text: str) -> D:
        """Parse file text into a document; raise `WiringError` when it cannot."""
        ...

    def render(self, document: D) -> str:
        """Render a document back to exactly the text it stands for."""
        ...


class Edit(Protocol[D]):
    """A change to one file's document: what a change set applies."""

    @property
    def format(self) -> DocumentFormat[D]:
        """How the file is parsed and rendered."""
        ...

    @property
    def path(self) -> str:
        """The file, relative to the project root, POSIX separators."""
        ...

    def apply(self, document: D) -> D:
        """The changed document."""
        ...


class Reversible(Edit[D], Protocol[D]):
    """An edit with an exact inverse: `invert(apply(d)) == d` byte for byte."""

    def invert(self, document: D) -> D:
        """Remove exactly what `apply` inserted; a no-op when it is absent."""
        ...


class Operation(Reversible[D], Protocol[D]):
    """A wiring change with three faces over one file's document."""

    def apply(self, document: D) -> D:
        """Insert the wiring; a no-op when it is already present."""
        ...

    def observe(self, document: D) -> Observation:
        """Report whether the wiring is present, absent, duplicated or unmanaged."""
        ...

    def check(self, document: D) -> list[Finding]:
        """Findings for an `apply`-expected state: empty when the wiring is present."""
        ...


@runtime_checkable
class TextShortcut(Protocol):
    """Optional faces of a Python wiring operation that work on the file's text.

    Importing LibCST costs more than a whole text-patching command, so the common
    cases (a managed block in the shape the tool writes) are decided on lines.
    Each face returns None when the text is not in a shape it can decide
    exactly; the caller then parses the file and runs the LibCST face. Where a
    face answers, its answer must equal the LibCST face's, byte for byte (the
    tests run both and compare).
    """

    def apply_text(self, text: str) -> str | None:
        """The text after `apply`, or None when only the LibCST face can tell."""
        ...

    def invert_text(self, text: str) -> str | None:
        """The text after `invert`, or None when only the LibCST face can tell."""
        ...

    def check_text(self, text: str) -> list[Finding] | None:
        """The findings of `check`, or None when only the LibCST face can tell."""
        ...


class Inverted(Reversible[D]):
    """Another edit's inverse as an edit of its own (a repair that removes wiring)."""

    def __init__(self, edit: Reversible[D]) -> None:
        self.edit = edit

    @property
    def format(self) -> DocumentFormat[D]:
        """The wrapped edit's format."""
        return self.edit.format

    @property
    def path(self) -> str:
        """The wrapped edit's file."""
        return self.edit.path

    def apply(self, document: D) -> D:
        """Run the wrapped edit's inverse."""
        return self.edit.invert(document)

    def invert(self, document: D) -> D:
        """Run the wrapped edit's apply."""
        return self.edit.apply(document)


@dataclass(frozen=True)
class Rewrite(Generic[D]):
    """A one-way repair mapping a whole document to a new one (re-sorting a block).

    An `Edit`, but not an `Operation`: the order it replaces is not kept, so there
    is no exact inverse, and `invert` raises instead of pretending to be one.
    """

    path: str
    format: DocumentFormat[D]
    function: Callable[[D], D]

    def apply(self, document: D) -> D:
        """Apply the rewrite."""
        return self.function(document)

    def invert(self, document: D) -> D:
        """Refuse loudly: a rewrite has no inverse (returning `document` unchanged
        would pass for one). Nothing plans to invert a repair; this guards that."""
        raise TypeError(f"{self.path}: a Rewrite cannot be inverted")


def apply_all(document: D, operations: Sequence[Edit[D]]) -> D:
    """Apply every operation to one document, in order."""
    for operation in operations:
        document = operation.apply(document)
    return document


def invert_all(document: D, operations: Sequence[Reversible[D]]) -> D:
    """Invert every operation on one document, last applied first."""
    for operation in reversed(operations):
        document = operation.invert(document)
    return document
