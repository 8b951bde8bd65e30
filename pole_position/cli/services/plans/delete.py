"""Plan `polepos delete NAME`: a generated project folder, and nothing else."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.project.locate import MANIFEST


@dataclass(frozen=True)
class Deletion:
    """The folder to delete and how much it holds."""

    root: Path
    files: int

    def describe(self) -> str:
        """One line for --trace and the confirmation prompt."""
        return f"delete {self.root} ({self.files} files, .venv included)"


def plan_deletion(name: str, cwd: Path) -> Deletion:
    """Validate that `name` is a generated project folder that may be deleted."""
    if not name.strip():
        raise InvalidInput("the project folder name is empty.", "Pass e.g. shop-api.")
    if "\0" in name:
        raise InvalidInput("the project folder name contains a NUL byte.")
    here = cwd.resolve()
    spelled = Path(os.path.normpath(here / name))
    target = spelled.resolve()
    if target != spelled:
        # A link on the way would make us delete a folder the user never named.
        raise Refused(
            f"{name} is or passes through a symbolic link (to {target}); nothing "
            "deleted.",
            "Delete the link itself with rm, or name the real folder.",
        )
    if target == here or target in here.parents:
        raise Refused(
            f"{target} is the current folder or one of its parents; nothing deleted.",
            "Run polepos delete from the folder that contains the project.",
        )
    if not target.is_dir():
        raise Refused(f"{target} is not a folder; nothing deleted.")
    if (target / MANIFEST).is_symlink():
        raise Refused(
            f"{target / MANIFEST} is a symbolic link, so {target} does not count as a "
            "PolePosition project; nothing deleted.",
            "Delete it by hand if you really mean to.",
        )
    if not (target / MANIFEST).is_file():
        raise Refused(
            f"{target} has no {MANIFEST}, so it is not a PolePosition project; "
            "nothing deleted.",
            "Delete it by hand if you really mean to.",
        )
    count = sum(1 for path in target.rglob("*") if path.is_file() or path.is_symlink())
    return Deletion(root=target, files=count)


def delete_project(deletion: Deletion) -> None:
    """Remove the folder; a symlinked .venv is unlinked, never followed."""
    import shutil

    if deletion.root.is_symlink():  # swapped for a link since planning
        raise Refused(f"{deletion.root} is now a symbolic link; nothing deleted.")
    try:
        shutil.rmtree(deletion.root)
    except OSError as exc:
        raise Refused(
            f"could not delete all of {deletion.root}: "
            f"{exc.strerror or type(exc).__name__} ({exc.filename}).",
            "Fix the permissions, then run polepos delete again.",
        ) from None
