"""The one object that writes: a plan of file creations, deletions and wiring edits.

Every new content is computed in memory first (one parse per edited file, all
of its operations applied to that one document), every Python result is
checked to parse, and only then are files written, each atomically (temp file
and rename), with already-written files rolled back if a later write fails.
`trace()` and `diff()` show the plan without writing anything.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from codemods.containment import PathEscape, contained, is_link
from codemods.encoding import BOM, strip_bom
from pole_position.cli.errors import Refused
from pole_position.cli.services.write_errors import refuse_os_errors

Direction = Literal["apply", "invert"]


@dataclass(frozen=True)
class FileChange:
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
    operations: list[tuple[Any, Direction]] = field(default_factory=list)


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 without translating line endings, or refuse clearly."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise Refused(
            f"{display} is missing.", "Run 'polepos check' to see why."
        ) from None
    except OSError as exc:  # a folder, an unreadable file: one line, no traceback
        raise Refused(
            f"{display} cannot be read ({exc.strerror or type(exc).__name__}).",
            "Make it a readable file, then run the command again.",
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(
            f"{display} is not valid UTF-8; PolePosition will not edit it.",
            "Convert it to UTF-8 and try again.",
        ) from None


def _atomic_write(target: Path, data: bytes, mode: int | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode if mode is not None else 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# Rollback writes through this reference, so a writer swapped in for a test (or
# failing like the disk it writes to) never stops the restore.
_restore_write = _atomic_write


class ChangeSet:
    """A planned set of file changes under one project root, written all or nothing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._created: dict[str, str] = {}
        self._conflicted: set[str] = set()  # written with merge markers on purpose
        self._deleted: set[str] = set()
        self._dirs_to_remove: set[str] = set()
        self._steps: dict[str, _Steps] = {}
        self._parsed: dict[str, tuple[Any, Any]] = {}  # path -> (format, document)
        self._rendered: list[FileChange] | None = None
        self._contained: set[str] = set()
        # Swappable so tests can inject a failing write.
        self.write_file: Callable[[Path, bytes, int | None], None] = _atomic_write

    # -- planning -----------------------------------------------------------
    def _contain(self, path: str) -> None:
        # Paths come from manifests, locks and arguments: each must stay inside
        # the root once links resolve, and a file that is itself a link is
        # refused rather than replaced by a regular file or written through.
        if path in self._contained:
            return
        try:
            contained(self.root, path)
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

    def apply(self, path: str, operations: Sequence[Any]) -> None:
        """Plan wiring operations to apply to a file (an existing or a planned one)."""
        self._contain(path)
        steps = self._steps.setdefault(path, _Steps())
        steps.operations.extend((op, "apply") for op in operations)
        self._rendered = None

    def invert(self, path: str, operations: Sequence[Any]) -> None:
        """Plan the exact inverse of wiring operations on a file."""
        self._contain(path)
        steps = self._steps.setdefault(path, _Steps())
        steps.operations.extend((op, "invert") for op in operations)
        self._rendered = None

    def wire(self, operations: Sequence[Any]) -> None:
        """Plan operations to apply, each to the file its `path` names."""
        for operation in operations:
            self.apply(operation.path, [operation])

    def unwire(self, operations: Sequence[Any]) -> None:
        """Plan the inverse of operations, last first, each on the file it names."""
        for operation in reversed(operations):
            self.invert(operation.path, [operation])

    @property
    def is_empty(self) -> bool:
        """True when the plan changes nothing."""
        return not self.changes()

    def document(self, path: str, document_format: Any) -> Any:
        """The file's parsed document, shared with the edits: one parse per file.

        Planners read it to decide what to do; operations are pure, so reading
        never changes what the edits start from.
        """
        cached = self._parsed.get(path)
        if cached is not None and cached[0] is document_format:
            return cached[1]
        base = self._current(path)
        if base is None:
            raise Refused(f"{path} is missing.", "Run 'polepos check' to see why.")
        document = self._parse(path, base, document_format)
        self._parsed[path] = (document_format, document)
        return document

    # -- rendering ----------------------------------------------------------
    def _current(self, path: str) -> str | None:
        if path in self._created:
            return self._created[path]
        target = self.root / path
        if not target.exists():
            return None
        return read_text(target, path)

    def _edited(self, path: str, steps: _Steps) -> str:
        from codemods._core import WiringError

        base = self._current(path)
        if base is None:
            raise Refused(
                f"{path} is missing, so its wiring cannot be updated.",
                "Run 'polepos check' to see what the project lacks.",
            )
        if not steps.operations:
            return base
        document_format = steps.operations[0][0].format
        cached = self._parsed.get(path)
        if (
            cached is not None
            and cached[0] is document_format
            and path not in self._created
        ):
            document = cached[1]
        else:
            document = self._parse(path, base, document_format)
        for operation, direction in steps.operations:
            try:
                step = operation.apply if direction == "apply" else operation.invert
                document = step(document)
            except WiringError as exc:
                where = f"{exc.path or path}" + (f":{exc.line}" if exc.line else "")
                raise Refused(f"{where}: {exc.message}") from None
        text: str = document_format.render(document)
        # A byte-order mark is not part of any format: parsed without, kept.
        return BOM + strip_bom(text) if base.startswith(BOM) else text

    def _parse(self, path: str, base: str, document_format: Any) -> Any:
        from codemods._core import WiringError

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
                result[path] = FileChange(path, self._existing(path), text)
        for path, steps in self._steps.items():
            new = self._edited(path, steps)
            old = self._existing(path)
            if new != old:
                result[path] = FileChange(path, old, new)
        for path in self._deleted:
            old = self._existing(path)
            if old is not None:
                result[path] = FileChange(path, old, None)
        for change in result.values():
            if (
                change.new is not None
                and change.path.endswith(".py")
                and change.path not in self._conflicted
            ):
                try:
                    ast.parse(strip_bom(change.new), filename=change.path)
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
            return target.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            # Only deletions reach here with undecodable files; keep a marker text.
            return "<binary>"

    # -- showing ------------------------------------------------------------
    def trace(self) -> list[str]:
        """One line per planned file operation."""
        return [f"{change.action:<6} {change.path}" for change in self.changes()]

    def diff(self) -> str:
        """A unified diff of every change; new and deleted files against /dev/null."""
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
        """Write every change, all or nothing, while holding the project lock."""
        changes = self.changes()
        root_existed = self.root.exists()
        with project_lock(self.root if root_existed else None):
            self._refuse_if_changed_since_planning(changes)
            written: list[tuple[FileChange, bytes | None]] = []
            try:
                for change in changes:
                    target = self.root / change.path
                    backup = target.read_bytes() if target.is_file() else None
                    written.append((change, backup))
                    if change.new is None:
                        target.unlink()
                    else:
                        mode = (
                            target.stat().st_mode & 0o777 if target.exists() else None
                        )
                        self.write_file(target, change.new.encode("utf-8"), mode)
            except BaseException:
                self._roll_back(written, root_existed)
                raise
            self._remove_empty_dirs()
        return changes

    def _refuse_if_changed_since_planning(self, changes: list[FileChange]) -> None:
        # The plan was computed before the lock was taken: another command may
        # have written in between. Writing now would silently undo its work.
        for change in changes:
            if self._existing(change.path) != change.old:
                raise Refused(
                    f"{change.path} changed while this command was planning; "
                    "nothing was written.",
                    "Run the command again.",
                )

    def _roll_back(
        self, written: list[tuple[FileChange, bytes | None]], root_existed: bool
    ) -> None:
        if not root_existed:
            shutil.rmtree(self.root, ignore_errors=True)
            return
        for change, backup in reversed(written):
            target = self.root / change.path
            if backup is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                self._prune_parents(target.parent)
            else:
                _restore_write(target, backup, None)

    def _prune_parents(self, folder: Path) -> None:
        while folder != self.root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent

    def _remove_empty_dirs(self) -> None:
        for path in sorted(
            self._dirs_to_remove, key=lambda p: p.count("/"), reverse=True
        ):
            folder = self.root / path
            if folder.is_dir():
                for leftover in folder.glob("__pycache__"):
                    shutil.rmtree(leftover, ignore_errors=True)
                if not any(folder.iterdir()):
                    folder.rmdir()


@contextlib.contextmanager
def project_lock(root: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on the project folder so two writers cannot interleave."""
    if root is None:
        yield
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Refused(
                "another polepos command is changing this project right now.",
                "Wait for it to finish, then try again.",
            ) from None
        yield
    finally:
        os.close(descriptor)
