"""Type names shared by the CLI's layers: wiring edits, document formats, JSON.

The edits and formats are protocols that `codemods`' operations meet as they
are; nothing here imports `libcst` or `tomlkit`, so any module may import it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, TypeVar

if TYPE_CHECKING:
    from codemods import Finding, Observation

__all__ = [
    "JSON",
    "AnyEdit",
    "AnyWiring",
    "DocumentT",
    "Edit",
    "Format",
    "JSONObject",
    "Wiring",
]

DocumentT = TypeVar("DocumentT")

# What `json.dumps` writes and `json.loads` reads back.
JSON: TypeAlias = (
    "Mapping[str, JSON] | Sequence[JSON] | str | int | float | bool | None"
)
JSONObject: TypeAlias = "dict[str, JSON]"


class Format(Protocol[DocumentT]):
    """A document format seen through the document type it parses to."""

    def parse(self, text: str) -> DocumentT:
        """Parse file text into a document."""
        ...

    def render(self, document: DocumentT) -> str:
        """Render a document back to its text."""
        ...


class Edit(Protocol[DocumentT]):
    """What a change set needs of an edit: its file, its format and both faces.

    Every `codemods` operation is one; so are the rename edits, which have no
    `check` because nothing is expected to stay renamed.
    """

    @property
    def path(self) -> str:
        """The file it edits, relative to the project root."""
        ...

    @property
    def format(self) -> Format[DocumentT]:
        """How that file is parsed and rendered."""
        ...

    def apply(self, document: DocumentT) -> DocumentT:
        """The document with the edit made."""
        ...

    def invert(self, document: DocumentT) -> DocumentT:
        """The document with the edit undone."""
        ...


class Wiring(Edit[DocumentT], Protocol[DocumentT]):
    """An edit `polepos check` can also verify: every `codemods` operation."""

    def observe(self, document: DocumentT) -> Observation:
        """Whether the wiring is present, absent, duplicated or unmanaged."""
        ...

    def check(self, document: DocumentT) -> list[Finding]:
        """Findings when the document lacks the wiring; empty when it has it."""
        ...


# One plan mixes edits of Python, TOML, env and lock documents, and each runs
# only on a document its own `format` parsed: no static type links an edit to
# its document, so these two aliases erase the document type.
AnyEdit: TypeAlias = Edit[Any]
AnyWiring: TypeAlias = Wiring[Any]
