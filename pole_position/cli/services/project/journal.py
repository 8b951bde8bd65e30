"""The write-ahead journal that makes a change set crash-safe.

Before a commit writes anything, `.poleposition.journal/` holds the pre-image
of every file the change touches (all in one `pre-images` file) and
`plan.json` (each file's path, offset, mode and hash, or a note that it did not
exist; the folders the change creates and removes), each fsynced with its
folder. `plan.json` is written last, by an atomic rename: a journal folder
without it belongs to a command that stopped while writing the journal, before
any project file was touched, and is simply discarded. A journal with
`plan.json` means project writes may have started: the next command rolls them
back from the pre-images. The commit's own temp files live in the journal's
`tmp/`, so a crash leaves no stray file beside the project's files. The
journal is removed last: `plan.json` first (the commit point), then the rest.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from codemods.digest import sha256_hex
from pole_position.cli.errors import Refused
from pole_position.cli.services.project import JOURNAL as JOURNAL
from pole_position.cli.services.project.fault_points import step

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import JSONObject

PLAN = "plan.json"
PRE_IMAGES = "pre-images"
# 2: each pre-image's `digest` is "crc32:<hex>"; 1 (still read): its "sha256".
_FORMAT = 2
_FORMATS = (1, 2)


def _durable() -> bool:
    # fsync guards against power loss, which a test's killed process is not:
    # the kill-point tests may turn it off to run faster. Users never do.
    return os.environ.get("POLEPOS_FAULT_NO_FSYNC") != "1"


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (creations, renames, deletions) durable."""
    if not _durable():
        return
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def fsync_file(path: Path) -> None:
    """Make a file's content durable (POSIX: any descriptor of it will do).

    fdatasync where there is one: the content and what reading it needs (its
    size), not its timestamps; the folder fsyncs that follow commit the rest.
    On a busy disk it took half the time of fsync for a command's files.
    """
    if not _durable():
        return
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except PermissionError:
        # A file kept at a mode without read access: writing access will do.
        try:
            descriptor = os.open(path, os.O_WRONLY)
        except PermissionError:
            return  # neither: it stays as durable as its rename made it
    try:
        getattr(os, "fdatasync", os.fsync)(descriptor)
    finally:
        os.close(descriptor)


def _write_durably(path: Path, data: bytes, *, durable: bool = True) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if durable and _durable():
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def atomic_write(
    target: Path,
    data: bytes,
    mode: int | None,
    temp_dir: Path,
    *,
    durable: bool = True,
) -> None:
    """Write `target` through a temp file in `temp_dir` and one rename.

    `durable=False` leaves the fsync to the caller (see `Journal.finish`).
    """
    temporary = temp_dir / f"{os.getpid()}-{target.name}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)
    try:
        _write_durably(temporary, data, durable=durable)
        os.chmod(temporary, mode if mode is not None else 0o644)
        step(f"replace {target}")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# Rollback writes through this reference, so a test can make one restore fail
# and prove the others still happen.
_restore_write = atomic_write


def _digest(data: bytes) -> str:
    """The check of a pre-image that rolling back verifies before restoring it."""
    # CRC-32, not SHA-256: it guards against a damaged journal, not an attacker
    # (who could rewrite plan.json too), and the pre-image of a 200-module lock
    # (225 kB) took 12 million instructions of CPython's SHA-256 per command.
    import zlib

    return f"crc32:{zlib.crc32(data):08x}"


def _intact(data: bytes, digest: str | None) -> bool:
    """True when `data` is the pre-image `digest` was taken of."""
    if digest is not None and digest.startswith("sha256:"):
        return "sha256:" + sha256_hex(data) == digest
    return _digest(data) == digest


def _read_digest(value: object, version: int) -> str | None:
    if value is None:
        return None
    if version == 1:  # a bare SHA-256 hex digest
        return f"sha256:{value}"
    if not isinstance(value, str) or not value.startswith(("crc32:", "sha256:")):
        raise ValueError("unknown pre-image digest")
    return value


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Entry(NamedTuple):
    """One file the change touches; `offset` None means it did not exist.

    Its pre-image is `size` bytes at `offset` in the journal's `pre-images`.
    """

    path: str
    offset: int | None
    size: int
    mode: int | None
    digest: str | None  # "crc32:<hex>", or "sha256:<hex>" from a format-1 journal


class Journal:
    """An open journal: written before the first project write, removed last."""

    def __init__(
        self,
        root: Path,
        entries: list[Entry],
        dirs_created: list[str],
        dirs_removed: list[str],
        command: str,
    ) -> None:
        self.root = root
        self.folder = root / JOURNAL
        self.temp_dir = self.folder / "tmp"
        self.entries = entries
        self.dirs_created = dirs_created
        self.dirs_removed = dirs_removed
        self.command = command

    # -- writing ------------------------------------------------------------
    @classmethod
    def begin(
        cls,
        root: Path,
        paths: Iterable[str],
        dirs_created: list[str],
        dirs_removed: list[str],
    ) -> Journal:
        """Record pre-images and the plan durably; return the open journal."""
        folder = root / JOURNAL
        step("mkdir journal")
        folder.mkdir()
        step("mkdir journal/tmp")
        (folder / "tmp").mkdir()
        entries: list[Entry] = []
        images: list[bytes] = []
        offset = 0
        for path in paths:
            target = root / path
            if not target.is_file():
                entries.append(Entry(path, None, 0, None, None))
                continue
            data = target.read_bytes()
            mode = target.stat().st_mode & 0o7777
            entries.append(Entry(path, offset, len(data), mode, _digest(data)))
            images.append(data)
            offset += len(data)
        # One file however many files the change touches.
        step("journal pre-images")
        _write_durably(folder / PRE_IMAGES, b"".join(images), durable=False)
        from pole_position.cli.services.project.lock import current_command

        journal = cls(root, entries, dirs_created, dirs_removed, current_command())
        plan = json.dumps(journal._as_json(), indent=1).encode("utf-8")
        _write_durably(folder / f"{PLAN}.partial", plan, durable=False)
        # Both durable before the rename commits the journal; the first fsync
        # flushes the file system's journal, which makes the second one cheap.
        fsync_file(folder / PRE_IMAGES)
        fsync_file(folder / f"{PLAN}.partial")
        step("journal commit plan.json")
        os.replace(folder / f"{PLAN}.partial", folder / PLAN)
        fsync_dir(folder)
        fsync_dir(root)
        return journal

    def _as_json(self) -> JSONObject:
        return {
            "format": _FORMAT,
            "command": self.command,
            "files": [
                {
                    "path": e.path,
                    "offset": e.offset,
                    "size": e.size,
                    "mode": e.mode,
                    "digest": e.digest,
                }
                for e in self.entries
            ],
            "dirs_created": self.dirs_created,
            "dirs_removed": self.dirs_removed,
        }

    def finish(self, touched: Iterable[Path], written: Iterable[Path] = ()) -> None:
        """The change is complete: make it durable, then drop the journal.

        `written` are files written without their own fsync. Until the journal
        goes, a crash rolls them back from the pre-images, so they only need to
        be durable here: one fsync each, back to back, costs a fraction of an
        fsync per write (each of those waits for the disk on its own).
        """
        for path in written:
            fsync_file(path)
        for folder in sorted(set(touched)):
            fsync_dir(folder)
        self.discard()

    def discard(self) -> None:
        """Remove the journal: `plan.json` first, so a crash here loses nothing."""
        discard_folder(self.root)

    # -- rolling back -------------------------------------------------------
    def roll_back(self) -> list[str]:
        """Restore every pre-image; go on past failures and return each one."""
        failures: list[str] = []
        touched: set[Path] = set()
        for entry in reversed(self.entries):
            try:
                self._restore(entry)
            except (OSError, ValueError) as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                failures.append(f"{entry.path} ({reason})")
            touched.add((self.root / entry.path).parent)
        for path in sorted(self.dirs_removed, key=lambda p: p.count("/")):
            with contextlib.suppress(OSError):
                (self.root / path).mkdir(parents=True, exist_ok=True)
        for path in sorted(self.dirs_created, key=lambda p: -p.count("/")):
            folder = self.root / path
            with contextlib.suppress(OSError):
                for cache in folder.glob("__pycache__"):
                    import shutil

                    shutil.rmtree(cache, ignore_errors=True)
                if folder.is_dir() and not any(folder.iterdir()):
                    step(f"rollback rmdir {path}")
                    folder.rmdir()
                    touched.add(folder.parent)
        for folder in touched:
            fsync_dir(folder)
        return failures

    def _restore(self, entry: Entry) -> None:
        target = self.root / entry.path
        if entry.offset is None:
            if target.exists() or target.is_symlink():
                step(f"rollback unlink {entry.path}")
                target.unlink()
            return
        with open(self.folder / PRE_IMAGES, "rb") as images:
            images.seek(entry.offset)
            data = images.read(entry.size)
        if not _intact(data, entry.digest):
            raise ValueError("its saved copy in the journal is damaged")
        mode = entry.mode if entry.mode is not None else 0o644
        if (
            target.is_file()
            and not target.is_symlink()
            and target.stat().st_mode & 0o7777 == mode
            and target.read_bytes() == data
        ):
            return  # never written, or already restored by an earlier attempt
        target.parent.mkdir(parents=True, exist_ok=True)
        _restore_write(target, data, mode, self.temp_dir)


def discard_folder(root: Path) -> None:
    """Remove a journal folder, `plan.json` first."""
    folder = root / JOURNAL
    plan = folder / PLAN
    if plan.exists():
        step("journal unlink plan.json")
        plan.unlink()
        fsync_dir(folder)
    if folder.exists():
        step("journal rmtree")
        _remove_journal_folder(folder)
    fsync_dir(root)


def _remove_journal_folder(folder: Path) -> None:
    # The journal holds only what it wrote: removing that by name spares every
    # commit importing shutil (with zlib, bz2 and lzma). Anything else left
    # inside (a crashed write's temp file) goes with shutil.rmtree, as before.
    if not folder.is_symlink():
        for name in (PRE_IMAGES, PLAN, f"{PLAN}.partial"):
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        try:
            with contextlib.suppress(FileNotFoundError):
                (folder / "tmp").rmdir()
            folder.rmdir()
            return
        except OSError:
            pass
    import shutil

    shutil.rmtree(folder)


class DamagedJournal(Refused):
    """`plan.json` exists but cannot be read: rolling back would be a guess."""


def load(root: Path) -> Journal | None:
    """The interrupted change recorded under `root`, or None when none was started.

    A journal folder without `plan.json` was abandoned before any project write.
    """
    folder = root / JOURNAL
    try:
        raw = (folder / PLAN).read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        version = data.get("format")
        if version not in _FORMATS:
            raise ValueError("unknown journal format")
        key = "digest" if version == 2 else "sha256"
        entries = [
            Entry(
                str(item["path"]),
                None if item["offset"] is None else int(item["offset"]),
                int(item["size"]),
                None if item["mode"] is None else int(item["mode"]),
                _read_digest(item[key], version),
            )
            for item in data["files"]
        ]
        for entry in entries:
            _inside(root, entry.path)
        created = [str(p) for p in data["dirs_created"]]
        removed = [str(p) for p in data["dirs_removed"]]
        for path in (*created, *removed):
            _inside(root, path)
        command = str(data.get("command", "polepos"))
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise DamagedJournal(
            f"{JOURNAL}/{PLAN} is damaged, so the interrupted change it records "
            "cannot be rolled back automatically.",
            "Compare the project with version control (git status), restore what "
            f"is half-written, then delete {JOURNAL}/.",
        ) from None
    return Journal(root, entries, created, removed, command)


def _inside(root: Path, path: str) -> None:
    # The journal is data from disk: never let it lead a restore outside the root.
    if not path or os.path.isabs(path) or ".." in Path(path).parts:
        raise ValueError(f"journal path {path!r} leaves the project")
    resolved = (root / path).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ValueError(f"journal path {path!r} leaves the project")


def pending(root: Path) -> bool:
    """Whether a journal folder exists (cheap: one stat)."""
    return (root / JOURNAL).exists()


def recover_locked(root: Path) -> str | None:
    """Roll back an interrupted change while holding the lock; the line to print.

    Refuses, listing every file it could not restore, when a restore fails;
    the journal then stays for the next attempt.
    """
    if not pending(root):
        return None
    journal = load(root)
    if journal is None:
        discard_folder(root)
        return (
            "removed the journal of a polepos command interrupted before it changed "
            "any file."
        )
    failures = journal.roll_back()
    if failures:
        raise Refused(
            f"an interrupted change ({journal.command}) could not be fully rolled "
            f"back; not restored: {', '.join(failures)}.",
            "Fix the cause (permissions, disk space), then run any polepos command "
            f"again; {JOURNAL}/ keeps the previous contents.",
        )
    journal.discard()
    count = len(journal.entries)
    return (
        f"rolled back an interrupted change ({journal.command}): its {count} "
        f"file{'s are' if count != 1 else ' is'} as before it."
    )


def recover(root: Path) -> None:
    """Finish the rollback of an interrupted change, if any, saying so in one line.

    When another polepos process holds the lock, its journal is live: leave it.
    """
    if not pending(root):
        return
    from pole_position.cli import output
    from pole_position.cli.services.project.lock import lock_if_free

    with lock_if_free(root) as free:
        line = recover_locked(root) if free else None
    if line:
        output.warn(line)
