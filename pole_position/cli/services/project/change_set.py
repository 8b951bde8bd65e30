"""The one object that writes: a plan of file creations, deletions and wiring edits.

Every new content is computed in memory first (one parse per edited file, all
of its operations applied to that one document), every Python file an edit
produced is checked to parse (a text face's whole-statement edit of a parsed
text is known to: `python_text.splice_outline`), and only then are files
written, each atomically
(temp file and rename), under the project lock and a write-ahead journal (`journal`):
a failure rolls back at once, a crash is rolled back by the next command.
`trace()` and `diff()` show the plan without writing anything.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

from codemods import TextShortcut
from codemods.containment import PathEscape, contained, is_link
from codemods.encoding import BOM, read_utf8, strip_bom
from pole_position.cli.errors import Refused
from pole_position.cli.services.project import text_faces
from pole_position.cli.services.project.lock import project_lock
from pole_position.cli.services.project.write_errors import refuse_os_errors

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import (
        AnyEdit,
        DocumentT,
        Format,
    )

__all__ = ["ChangeSet", "FileChange", "project_lock", "read_text"]

Direction = Literal["apply", "invert"]
# A file whose operations have not needed a parse yet.
_UNPARSED = object()


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class FileChange(NamedTuple):
    """The before and after of one file; `None` means the file does not exist."""

    path: str
    old: str | None
    new: str | None

    @property
    def action(self) -> str:
        """`create`, `delete` or `edit`."""
        if self.old is None:
            return "create"
        if self.new is None:
            return "delete"
        return "edit"


@dataclass
class _Steps:
    operations: list[tuple[AnyEdit, Direction]] = field(default_factory=list)


class _Parsed(NamedTuple):
    """A file's shared parse, valid only for the format that produced it."""

    format: object  # compared by identity only
    document: object


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 without translating line endings, or refuse clearly."""
    try:
        return read_utf8(path)
    except FileNotFoundError:
        raise Refused(
            f"{display} is missing.", "Run 'polepos check' to see why."
        ) from None
    except OSError as exc:  # a folder, an unreadable file: one line, no traceback
        raise Refused(
            f"{display} cannot be read ({exc.strerror or type(exc).__name__}).",
            "Make it a readable file, then run the command again.",
        ) from None
    except UnicodeDecodeError:
        raise Refused(
            f"{display} is not valid UTF-8; PolePosition will not edit it.",
            "Convert it to UTF-8 and try again.",
        ) from None


def _check_syntax(text: str, path: str) -> None:
    """Raise SyntaxError unless `text` parses; a text a text face derived from a
    parsed one by whole statements (`python_text.splice_outline`, `splice_suite`,
    `splice_statement`) is known to."""
    from codemods.python_text import derivation_error, parses

    if not text_faces.verifying():
        if not parses(text):
            ast.parse(text, filename=path)
        return
    ast.parse(text, filename=path)
    error = derivation_error(text)
    if error is not None:
        raise text_faces.TextFaceMismatch(f"{path}: {error}")


def _atomic_write(target: Path, data: bytes, mode: int | None, temp_dir: Path) -> None:
    from pole_position.cli.services.project.journal import atomic_write

    # Made durable all together once every file is written (`_sync_written`).
    atomic_write(target, data, mode, temp_dir, durable=False)


def _sync_written(root: Path, changes: list[FileChange]) -> list[Path]:
    """The files a commit wrote, for one fsync each after the last write."""
    return [root / change.path for change in changes if change.new is not None]


class ChangeSet:
    """A planned set of file changes under one project root, written all or nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._created: dict[str, str] = {}
        self._conflicted: set[str] = set()  # written with merge markers on purpose
        self._deleted: set[str] = set()
        self._dirs_to_remove: set[str] = set()
        self._steps: dict[str, _Steps] = {}
        self._parsed: dict[str, _Parsed] = {}
        self._rendered: list[FileChange] | None = None
        # Each file's edited text, with the base and the number of steps it was
        # computed from: a plan that reads `changes()` and then adds a step (the
        # lock's hashes after `add field`'s edits) re-runs only that file's.
        self._edits: dict[str, tuple[str, int, str]] = {}
        # What each file held when the plan first read it (None: absent). The
        # commit verifies, under the lock, that every one is still so.
        self._snapshot: dict[str, str | None] = {}
        self._contained: set[str] = set()
        self._resolved_root: Path | None = None
        # Swappable so tests can inject a failing write.
        self.write_file: Callable[[Path, bytes, int | None, Path], None] = _atomic_write

    # -- planning -----------------------------------------------------------
    def _contain(self, path: str) -> None:
        # Paths come from manifests, locks and arguments: each must stay inside
        # the root once links resolve, and a file that is itself a link is
        # refused rather than replaced by a regular file or written through.
        if path in self._contained:
            return
        if self._resolved_root is None:
            self._resolved_root = Path(os.path.realpath(self.root))
        try:
            contained(self.root, path, self._resolved_root)
        except PathEscape as exc:
            raise Refused(
                f"refusing the path {exc}; nothing was written.",
                "Every path PolePosition touches must stay inside the project.",
            ) from None
        if is_link(self.root, path):
            raise Refused(
                f"{path} is a symbolic link; PolePosition neither replaces links nor "
                "writes through them, so nothing was written.",
                "Replace the link with a regular file, then run the command again.",
            )
        self._contained.add(path)

    def create(self, path: str, text: str) -> None:
        """Plan a new file."""
        self._contain(path)
        self._snapshot.setdefault(path, self._existing(path))
        self._created[path] = text
        self._rendered = None

    def create_conflicted(self, path: str, text: str) -> None:
        """Plan a file that holds merge-conflict markers, so it need not parse."""
        self.create(path, text)
        self._conflicted.add(path)

    def planned_files(self) -> dict[str, str]:
        """The files this plan creates, with their content before any wiring."""
        return dict(self._created)

    def delete(self, path: str) -> None:
        """Plan the deletion of one existing file."""
        self._contain(path)
        self._snapshot.setdefault(path, self._existing(path))
        self._deleted.add(path)
        self._rendered = None

    def delete_tree(self, path: str) -> None:
        """Plan the deletion of a directory and every file below it."""
        self._contain(path)
        folder = self.root / path
        for file in sorted(folder.rglob("*")):
            if "__pycache__" in file.parts:
                continue  # caches go with the folder, not into the plan
            if file.is_file() or file.is_symlink():
                self.delete(file.relative_to(self.root).as_posix())
        for sub in folder.rglob("*"):
            if sub.is_dir() and "__pycache__" not in sub.parts:
                self._dirs_to_remove.add(sub.relative_to(self.root).as_posix())
        self._dirs_to_remove.add(path)
        self._rendered = None

    def apply(self, path: str, operations: Sequence[AnyEdit]) -> None:
        """Plan wiring operations to apply to a file (an existing or a planned one)."""
        self._contain(path)
        steps = self._steps.setdefault(path, _Steps())
        steps.operations.extend((op, "apply") for op in operations)
        self._rendered = None

    def invert(self, path: str, operations: Sequence[AnyEdit]) -> None:
        """Plan the exact inverse of wiring operations on a file."""
        self._contain(path)
        steps = self._steps.setdefault(path, _Steps())
        steps.operations.extend((op, "invert") for op in operations)
        self._rendered = None

    def wire(self, operations: Sequence[AnyEdit]) -> None:
        """Plan operations to apply, each to the file its `path` names."""
        for operation in operations:
            self.apply(operation.path, [operation])

    def unwire(self, operations: Sequence[AnyEdit]) -> None:
        """Plan the inverse of operations, last first, each on the file it names."""
        for operation in reversed(operations):
            self.invert(operation.path, [operation])

    @property
    def is_empty(self) -> bool:
        """True when the plan changes nothing."""
        return not self.changes()

    def document(self, path: str, document_format: Format[DocumentT]) -> DocumentT:
        """The file's parsed document, shared with the edits: one parse per file.

        Planners read it to decide what to do; operations are pure, so reading
        never changes what the edits start from.
        """
        cached = self._parsed.get(path)
        if cached is not None and cached.format is document_format:
            # The same format object parsed it, so it is that format's document.
            return cast("DocumentT", cached.document)
        base = self._current(path)
        if base is None:
            raise Refused(f"{path} is missing.", "Run 'polepos check' to see why.")
        document = self._parse(path, base, document_format)
        self._parsed[path] = _Parsed(document_format, document)
        return document

    def text(self, path: str) -> str:
        """The file's text as the edits start from it (no byte-order mark)."""
        base = self._current(path)
        if base is None:
            raise Refused(f"{path} is missing.", "Run 'polepos check' to see why.")
        return strip_bom(base)

    # -- rendering ----------------------------------------------------------
    def _current(self, path: str) -> str | None:
        if path in self._created:
            return self._created[path]
        if path in self._snapshot:
            return self._snapshot[path]
        target = self.root / path
        text = read_text(target, path) if target.exists() else None
        self._snapshot[path] = text
        return text

    def _edited(self, path: str, steps: _Steps) -> str:
        base = self._current(path)
        if base is None:
            raise Refused(
                f"{path} is missing, so its wiring cannot be updated.",
                "Run 'polepos check' to see what the project lacks.",
            )
        if not steps.operations:
            return base
        done = self._edits.get(path)
        if done is not None and done[0] is base and done[1] == len(steps.operations):
            return done[2]
        text, answered = self._run(path, base, steps, shortcuts=True)
        if answered and text_faces.verifying():
            text_faces.same_edit(
                text, lambda: self._run(path, base, steps, shortcuts=False)[0], path
            )
        self._edits[path] = (base, len(steps.operations), text)
        return text

    def _run(
        self, path: str, base: str, steps: _Steps, *, shortcuts: bool
    ) -> tuple[str, bool]:
        """The edited text, and whether any text face answered.

        Operations with text faces (codemods._core.TextShortcut) edit the text
        until one cannot decide; from there on the file is parsed once and the
        document faces run. A file no face needs parsed is never parsed. Without
        `shortcuts`, every step runs on the document (what verification compares).
        """
        from codemods import WiringError

        document_format = steps.operations[0][0].format
        text: str = strip_bom(base)
        document: object = _UNPARSED
        answered = False
        for operation, direction in steps.operations:
            try:
                if (
                    shortcuts
                    and document is _UNPARSED
                    and isinstance(operation, TextShortcut)
                ):
                    face = (
                        operation.apply_text
                        if direction == "apply"
                        else operation.invert_text
                    )
                    edited = face(text)
                    if edited is not None:
                        text, answered = edited, True
                        continue
                if document is _UNPARSED:
                    document = self._document_of(path, base, text, document_format)
                step = operation.apply if direction == "apply" else operation.invert
                document = step(document)
            except WiringError as exc:
                raise Refused(exc.located(path)) from None
        if document is not _UNPARSED:
            text = document_format.render(document)
        # A byte-order mark is not part of any format: parsed without, kept.
        return (BOM + strip_bom(text) if base.startswith(BOM) else text), answered

    def _document_of(
        self, path: str, base: str, text: str, document_format: Format[DocumentT]
    ) -> DocumentT:
        """`text` parsed, reusing the planner's parse when it is still the base."""
        cached = self._parsed.get(path)
        if (
            cached is not None
            and cached.format is document_format
            and path not in self._created
            and text == strip_bom(base)
        ):
            return cast("DocumentT", cached.document)
        return self._parse(path, text, document_format)

    def _parse(
        self, path: str, base: str, document_format: Format[DocumentT]
    ) -> DocumentT:
        from codemods import WiringError

        try:
            return document_format.parse(strip_bom(base))
        except WiringError as exc:
            raise Refused(
                f"{path} cannot be parsed ({exc.message}).",
                "Fix the file, then run the command again.",
            ) from None
        except Exception as exc:  # a parser's own error type: report, never crash
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise Refused(
                f"{path} cannot be parsed ({type(exc).__name__}: {first}).",
                "Fix the file, then run the command again.",
            ) from None

    def changes(self) -> list[FileChange]:
        """Every file whose content the plan changes, sorted by path."""
        if self._rendered is not None:
            return self._rendered
        result: dict[str, FileChange] = {}
        for path, text in self._created.items():
            if path not in self._steps:
                result[path] = FileChange(path, self._snapshot[path], text)
        for path, steps in self._steps.items():
            new = self._edited(path, steps)
            # The old side is what the edits started from, never a later read.
            old = self._snapshot[path]
            if new != old:
                result[path] = FileChange(path, old, new)
        for path in self._deleted:
            old = self._snapshot[path]
            if old is not None:
                result[path] = FileChange(path, old, None)
        for change in result.values():
            # New files too: templates take names and fields users typed, and a
            # syntax error must stop the command before it writes anything.
            if (
                change.new is not None
                and change.path.endswith(".py")
                and change.path not in self._conflicted
            ):
                try:
                    _check_syntax(strip_bom(change.new), change.path)
                except SyntaxError as exc:
                    raise Refused(
                        f"internal error: the new {change.path} would not parse "
                        f"(line {exc.lineno}); nothing was written.",
                        "Please report this with the output of --diff.",
                    ) from None
        self._rendered = [result[path] for path in sorted(result)]
        return self._rendered

    def _existing(self, path: str) -> str | None:
        target = self.root / path
        if not target.is_file():
            return None
        try:
            return read_utf8(target)
        except UnicodeDecodeError:
            # Only deletions reach here with undecodable files; keep a marker text.
            return "<binary>"

    # -- showing ------------------------------------------------------------
    def trace(self) -> list[str]:
        """One line per planned file operation."""
        return [f"{change.action:<6} {change.path}" for change in self.changes()]

    def diff(self) -> str:
        """A unified diff of every change; new and deleted files against /dev/null."""
        import difflib

        chunks: list[str] = []
        for change in self.changes():
            old_name = "/dev/null" if change.old is None else f"a/{change.path}"
            new_name = "/dev/null" if change.new is None else f"b/{change.path}"
            chunks.extend(
                difflib.unified_diff(
                    (change.old or "").splitlines(keepends=True),
                    (change.new or "").splitlines(keepends=True),
                    fromfile=old_name,
                    tofile=new_name,
                )
            )
        return "".join(
            line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in chunks
        )

    # -- writing ------------------------------------------------------------
    @refuse_os_errors
    def commit(self) -> list[FileChange]:
        """Write every change, all or nothing, while holding the project lock.

        A write-ahead journal (see `journal`) holds every pre-image before the
        first write, so even a crash mid-way is rolled back by the next command.
        """
        from pole_position.cli.services.project import journal

        changes = self.changes()
        if not self.root.exists():
            return self._create_root(changes)
        with project_lock(self.root):
            journal.recover(self.root)
            self._refuse_if_changed_since_planning(changes)
            if not changes:
                return changes
            created = self._dirs_to_create(changes)
            removed = sorted(
                p for p in self._dirs_to_remove if (self.root / p).is_dir()
            )
            try:
                log = journal.Journal.begin(
                    self.root, [c.path for c in changes], created, removed
                )
            except BaseException:
                # No project file was written yet: the journal alone goes.
                journal.discard_folder(self.root)
                raise
            try:
                touched = self._write(changes, created, log.temp_dir)
                touched |= self._remove_empty_dirs()
            except BaseException:
                failures = log.roll_back()
                if failures:
                    raise Refused(
                        "the change failed and could not be fully rolled back; not "
                        f"restored: {', '.join(failures)}.",
                        "Fix the cause, then run any polepos command again; "
                        f"{journal.JOURNAL}/ keeps the previous contents.",
                    ) from None
                log.discard()
                raise
            log.finish(touched, _sync_written(self.root, changes))
        return changes

    def _dirs_to_create(self, changes: list[FileChange]) -> list[str]:
        missing: set[str] = set()
        present: set[str] = set()  # a module's files share their folders
        for change in changes:
            if change.new is None:
                continue
            folder = PurePosixPath(change.path).parent
            while folder.name:
                name = str(folder)
                if name in present or name in missing:
                    break
                if (self.root / folder).exists():
                    present.add(name)
                    break
                missing.add(name)
                folder = folder.parent
        return sorted(missing, key=lambda p: (p.count("/"), p))

    def _write(
        self, changes: list[FileChange], created: list[str], temp_dir: Path
    ) -> set[Path]:
        from pole_position.cli.services.project.fault_points import step

        touched: set[Path] = set()
        for path in created:
            step(f"mkdir {path}")
            (self.root / path).mkdir()
            touched.add((self.root / path).parent)
        for change in changes:
            target = self.root / change.path
            touched.add(target.parent)
            if change.new is None:
                step(f"unlink {change.path}")
                target.unlink()
            else:
                mode = target.stat().st_mode & 0o7777 if target.exists() else None
                self.write_file(target, change.new.encode("utf-8"), mode, temp_dir)
        return touched

    def _create_root(self, changes: list[FileChange]) -> list[FileChange]:
        """Build a new project in a hidden sibling folder, then rename it into place.

        The rename is the commit point: a crash before it leaves no partial
        project, only a hidden `.NAME.polepos-new-*` folder that the next
        `start` of the same name clears.
        """
        import shutil
        import tempfile  # here: only `start` builds a project in a staging folder

        from pole_position.cli.services.project.fault_points import step
        from pole_position.cli.services.project.journal import fsync_file

        root = self.root
        clear_abandoned_starts(root)
        staging = Path(tempfile.mkdtemp(dir=root.parent, prefix=staging_prefix(root)))
        try:
            step(f"mkdir {staging.name}")
            temp_dir = staging / ".polepos-tmp"
            temp_dir.mkdir()
            for change in changes:
                target = staging / change.path
                target.parent.mkdir(parents=True, exist_ok=True)
                self.write_file(
                    target, (change.new or "").encode("utf-8"), None, temp_dir
                )
            temp_dir.rmdir()
            for path in _sync_written(staging, changes):
                fsync_file(path)  # durable before the rename makes them the project
            # mkdtemp makes a private folder; a project gets the user's usual mode.
            os.chmod(staging, 0o777 & ~_umask())
            step(f"rename {staging.name} {root.name}")
            os.rename(staging, root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return changes

    def _refuse_if_changed_since_planning(self, changes: list[FileChange]) -> None:
        # Every file the plan read must still be what it read: another command
        # writing in between would otherwise be silently undone.
        for path in sorted(self._snapshot):
            if self._existing(path) != self._snapshot[path]:
                raise Refused(
                    f"{path} changed while this command was planning; "
                    "nothing was written.",
                    "Run the command again.",
                )

    def _remove_empty_dirs(self) -> set[Path]:
        from pole_position.cli.services.project.fault_points import step

        touched: set[Path] = set()
        for path in sorted(
            self._dirs_to_remove, key=lambda p: p.count("/"), reverse=True
        ):
            folder = self.root / path
            if folder.is_dir():
                for leftover in folder.glob("__pycache__"):
                    import shutil  # on use: most commands remove no __pycache__

                    step(f"rmtree {path}/__pycache__")
                    shutil.rmtree(leftover, ignore_errors=True)
                if not any(folder.iterdir()):
                    step(f"rmdir {path}")
                    folder.rmdir()
                    touched.add(folder.parent)
        return touched


def staging_prefix(root: Path) -> str:
    """The name prefix of the hidden folder a new project is built in."""
    return f".{root.name}.polepos-new-"


def clear_abandoned_starts(root: Path) -> None:
    """Remove folders a killed `start` of this project left beside it."""
    import shutil

    for leftover in root.parent.glob(f"{staging_prefix(root)}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
