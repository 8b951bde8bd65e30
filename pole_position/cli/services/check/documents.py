"""Project files for one check run: each read once and parsed at most once.

A file that is not UTF-8 or does not parse is reported here, once, however
many checkers wanted it; those checkers simply get `None`.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, cast

from codemods import Finding, codes
from codemods.encoding import strip_bom

if TYPE_CHECKING:
    import ast

    from codemods.text_source import PythonText
    from codemods.toml_lines import PlainToml
    from pole_position.cli.services.project.wiring_types import DocumentT, Format


class ProjectFiles:
    """A per-run cache of file texts and parsed documents under one root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._base = str(root)
        self._prefix = os.path.join(self._base, "")
        self._texts: dict[str, str | None] = {}  # None: missing or unreadable
        self._documents: dict[str, object] = {}  # None: missing or unparsable
        self._trees: dict[str, ast.Module | None] = {}
        self._sources: dict[str, PythonText | None] = {}
        self._plain: dict[str, PlainToml | None] = {}
        self._raw: dict[str, bytes | OSError | None] = {}
        self._listings: dict[str, list[str]] = {}
        self._kinds: dict[tuple[str, str], bool] = {}
        self.parses: Counter[str] = Counter()
        self.findings: list[Finding] = []

    def _full(self, path: str) -> str:
        """`os.path.join(root, path)`, without its cost for the usual relative path."""
        if path and not os.path.isabs(path):
            return self._prefix + path
        return os.path.join(self._base, path)

    def exists(self, path: str) -> bool:
        """Whether a file or folder exists at `path`."""
        return os.path.exists(self._full(path))

    def _bytes(self, path: str) -> bytes | OSError | None:
        """The file's bytes (read once per run), the error reading them, or None."""
        if path not in self._raw:
            # os-level calls: a warm check of 200 modules reads ~1400 files, and
            # pathlib's per-call overhead there costs more than the reads.
            try:
                with open(self._full(path), "rb") as stream:
                    self._raw[path] = stream.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
                self._raw[path] = None
            except OSError as exc:
                self._raw[path] = exc
        return self._raw[path]

    def digest(self, path: str) -> str:
        """A hash of the file's bytes for the check cache, or why there are none."""
        from codemods.digest import blake2b_hex

        raw = self._bytes(path)
        if raw is None:
            return "absent"
        if isinstance(raw, OSError):
            return "unreadable"
        return blake2b_hex(raw, digest_size=20)

    def is_file(self, path: str) -> bool:
        """Whether `path` is a file (asked once a run: imports repeat the question)."""
        key = ("file", path)
        if key not in self._kinds:
            self._kinds[key] = os.path.isfile(self._full(path))
        return self._kinds[key]

    def is_dir(self, path: str) -> bool:
        """Whether `path` is a folder, asked once a run."""
        key = ("dir", path)
        if key not in self._kinds:
            self._kinds[key] = os.path.isdir(self._full(path))
        return self._kinds[key]

    def text(self, path: str) -> str | None:
        """The file's text, or None when it is missing or not UTF-8 (reported)."""
        if path not in self._texts:
            raw = self._bytes(path)
            if raw is None:
                self._texts[path] = None
            else:
                try:
                    if isinstance(raw, OSError):
                        raise raw
                    # Parsers never see a byte-order mark (the change set keeps it).
                    # Bytes, not read_utf8: they were read once for the cache digest.
                    self._texts[path] = strip_bom(raw.decode("utf-8"))
                except OSError as exc:
                    self._texts[path] = None
                    self.findings.append(
                        codes.FILE_UNREADABLE.finding(
                            f"{path} cannot be read ({exc.strerror or exc})",
                            "Make it a readable file.",
                            path,
                        )
                    )
                except UnicodeDecodeError:
                    self._texts[path] = None
                    self.findings.append(
                        codes.FILE_NOT_UTF8.finding(
                            f"{path} is not valid UTF-8",
                            "Convert the file to UTF-8; PolePosition only reads and "
                            "edits UTF-8 files.",
                            path,
                        )
                    )
        return self._texts[path]

    def document(
        self, path: str, document_format: Format[DocumentT], *, quiet: bool = False
    ) -> DocumentT | None:
        """The parsed document, or None when missing, unreadable or unparsable.

        `quiet` leaves reporting a parse failure to the caller (which knows a
        more precise code); later callers still get None without a second report.
        """
        if path in self._documents:
            # Each path is parsed by one format only, so this is its document.
            return cast("DocumentT | None", self._documents[path])
        text = self.text(path)
        document: DocumentT | None = None
        if text is not None:
            self.parses[path] += 1
            try:
                document = document_format.parse(text)
            except Exception as exc:  # each format raises its own error type
                message = getattr(exc, "message", None) or str(exc).splitlines()[0]
                line = getattr(exc, "line", None)
                if quiet:
                    self._documents[path] = None
                    return None
                self.findings.append(
                    codes.FILE_UNPARSABLE.finding(
                        f"{path} cannot be parsed: {message}",
                        "Fix the syntax error; the file's wiring is not checked "
                        "until it parses.",
                        path,
                        line if isinstance(line, int) else None,
                    )
                )
        self._documents[path] = document
        return document

    def plain_toml(self, path: str) -> PlainToml | None:
        """The TOML file as `toml_lines` reads it, or None when missing,
        unreadable or in a shape only tomlkit reads (then use `document`)."""
        if path not in self._plain:
            from codemods.toml_lines import scan

            text = self.text(path)
            self._plain[path] = None if text is None else scan(text)
        return self._plain[path]

    def python_text(self, path: str) -> PythonText | None:
        """The file as `PythonText` (for the readers that avoid LibCST), or None
        when missing or unreadable (reported as `text` reports it)."""
        if path not in self._sources:
            from codemods.text_source import PythonText

            text = self.text(path)
            self._sources[path] = None if text is None else PythonText(text)
        return self._sources[path]

    def text_parses(self) -> dict[str, int]:
        """The files `python_text` readers parsed with `ast` this run (once each)."""
        return {path: 1 for path, s in self._sources.items() if s and s.parsed}

    def reject(self, path: str) -> None:
        """Mark `path` unparsable, already reported: later checkers get None."""
        self._documents[path] = None

    def python_files(self, folder: str) -> list[str]:
        """Every `*.py` file below `folder`, sorted and root-relative, listed once."""
        if folder not in self._listings:
            found: list[str] = []
            # As os.walk (links to folders listed, not entered; unreadable folders
            # skipped) without its relpath per folder: 200 module folders.
            pending = [folder]
            while pending:
                relative = pending.pop()
                try:
                    with os.scandir(os.path.join(self._base, relative)) as entries:
                        listed = list(entries)
                except OSError:
                    continue
                for entry in listed:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if not is_dir:
                        if entry.name.endswith(".py"):
                            found.append(f"{relative}/{entry.name}")
                    elif entry.name != "__pycache__" and not _is_link(entry):
                        pending.append(f"{relative}/{entry.name}")
            self._listings[folder] = sorted(found)
        return self._listings[folder]

    def parse_python_ast(self, path: str) -> ast.Module | None:
        """The file as a Python `ast` tree (for import scans), parsed once per run."""
        import ast

        if path in self._trees:
            return self._trees[path]
        self._trees[path] = None
        text = self.text(path)
        if text is None:
            return None
        self.parses[path] += 1
        try:
            self._trees[path] = ast.parse(text, filename=path)
            return self._trees[path]
        except SyntaxError as exc:
            self.findings.append(
                codes.FILE_UNPARSABLE.finding(
                    f"{path} cannot be parsed: {exc.msg}",
                    "Fix the syntax error.",
                    path,
                    exc.lineno,
                )
            )
            return None


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
