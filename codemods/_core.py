"""The one small interface every wiring kind implements: apply, invert, check.

An operation is pure: it takes the parsed form of one file (a `libcst.Module`
for Python, an `EnvDocument` for `.env.example`, a `tomlkit.TOMLDocument` for
TOML) and returns a new one. Parsing and rendering belong to the file's
`DocumentFormat`, so a caller parses each file once, runs every operation of
that file over the same document, and renders once.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Protocol

Severity = Literal["error", "warning"]


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

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of SPEC section 9."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
            "line": self.line,
            "fixable": self.fixable,
        }


class Presence(enum.Enum):
    """What a checker saw of one expected piece of wiring."""

    PRESENT = "present"
    ABSENT = "absent"
    DUPLICATED = "duplicated"
    ORPHANED = "orphaned"
    UNMANAGED = "unmanaged"


@dataclass(frozen=True)
class Observation:
    """A checker's verdict on one piece of wiring, with the lines it points at."""

    presence: Presence
    lines: tuple[int, ...] = field(default=())
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


class DocumentFormat(Protocol):
    """How one kind of file is parsed into a document and rendered back, losslessly."""

    name: str

    def parse(self, text: str) -> Any:
        """Parse file text into a document; raise `WiringError` when it cannot."""
        ...

    def render(self, document: Any) -> str:
        """Render a document back to exactly the text it stands for."""
        ...


class Operation(Protocol):
    """A wiring change with three faces over one file's document."""

    format: ClassVar[DocumentFormat]
    path: str  # relative to the project root, POSIX separators

    def apply(self, document: Any) -> Any:
        """Insert the wiring; a no-op when it is already present."""
        ...

    def invert(self, document: Any) -> Any:
        """Remove exactly what `apply` inserted; a no-op when it is absent."""
        ...

    def observe(self, document: Any) -> Observation:
        """Report whether the wiring is present, absent, duplicated or unmanaged."""
        ...

    def check(self, document: Any) -> list[Finding]:
        """Findings for an `apply`-expected state: empty when the wiring is present."""
        ...


def apply_all(document: Any, operations: Sequence[Operation]) -> Any:
    """Apply every operation to one document, in order."""
    for operation in operations:
        document = operation.apply(document)
    return document


def invert_all(document: Any, operations: Sequence[Operation]) -> Any:
    """Invert every operation on one document, last applied first."""
    for operation in reversed(operations):
        document = operation.invert(document)
    return document
