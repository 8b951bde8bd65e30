"""A plain-text document format and operation for change-set tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


class CountingFormat:
    """A text format that counts parses, to prove one parse per file."""

    name = "text"
    parses = 0

    def parse(self, text: str) -> list[str]:
        CountingFormat.parses += 1
        return text.splitlines(keepends=True)

    def render(self, document: list[str]) -> str:
        return "".join(document)


@dataclass(frozen=True)
class AppendLine:
    format: ClassVar[CountingFormat] = CountingFormat()
    path: str
    line: str

    def apply(self, document: list[str]) -> list[str]:
        return document if self.line in document else [*document, self.line]

    def invert(self, document: list[str]) -> list[str]:
        return [line for line in document if line != self.line]
