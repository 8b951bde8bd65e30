"""Shared TOML plumbing for the tomlkit-based editors: parsing, copying, newlines."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from codemods._core import WiringError

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


class TomlFormat:
    """TOML parsed with tomlkit and rendered with `tomlkit.dumps`, byte for byte."""

    name = "toml"

    def parse(self, text: str) -> TOMLDocument:
        """Parse TOML text; malformed TOML becomes a `WiringError` with its line."""
        # Imported on use: the plain manifest is read and edited without it.
        import tomlkit
        from tomlkit.exceptions import TOMLKitError

        try:
            return tomlkit.parse(text)
        except TOMLKitError as error:
            # Not only ParseError: a key written twice raises KeyAlreadyPresent.
            line = getattr(error, "line", None)
            raise WiringError(f"malformed TOML: {error}", line=line) from error

    def render(self, document: TOMLDocument) -> str:
        """Render the document back to text."""
        import tomlkit

        return tomlkit.dumps(document)


TOML_FORMAT = TomlFormat()


def copy_document(document: TOMLDocument) -> TOMLDocument:
    """An independent copy, so operations never mutate the caller's document."""
    import tomlkit

    # A re-parse of the rendered text is the one copy tomlkit guarantees to be exact.
    return tomlkit.parse(document.as_string())


def newline_of(text: str) -> str:
    """The line ending a file uses: that of its first line, LF when it has none."""
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    return "\n"


def candidates_by_trailing_newline(document: TOMLDocument) -> Iterator[TOMLDocument]:
    """The document itself and, if it ends in a newline, the same text without it.

    Lazily: the second one costs a parse, and the first one usually is the answer.
    """
    import tomlkit

    yield document
    text = document.as_string()
    for ending in ("\r\n", "\n"):
        if text.endswith(ending):
            yield tomlkit.parse(text[: -len(ending)])
            break


def exact_preimage(
    current: TOMLDocument,
    candidates: Iterable[TOMLDocument],
    apply: Callable[[TOMLDocument], TOMLDocument],
) -> TOMLDocument | None:
    """The first candidate that `apply` turns back into `current`, if any.

    tomlkit's deletions are close to, but not always exactly, the inverse of its
    insertions (a comma or a final newline may stay behind). Checking candidates
    against the forward operation makes an inverse exact by construction.
    `apply` must be pure (return a new document, never change its argument), as
    every operation is: the candidates are not copied for it.
    """
    target = current.as_string()
    for candidate in candidates:
        try:
            if apply(candidate).as_string() == target:
                return candidate
        except WiringError:
            continue
    return None


def line_of_key(text: str, table: str, key: str) -> int | None:
    """The 1-based line of `key = ...` in `[table]`, found textually for findings."""
    current: str | None = None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            current = header.group(1).strip()
            continue
        if current == table and pattern.match(line):
            return number
    return None


def line_of_table(text: str, table: str) -> int | None:
    """The 1-based line of the `[table]` header, found textually for findings."""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header and header.group(1).strip() == table:
            return number
    return None
