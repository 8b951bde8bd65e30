"""Plan `polepos delete NAME`: a generated project folder, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.project_locator import MANIFEST


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
    target = (cwd / name).resolve()
    here = cwd.resolve()
    if target == here or target in here.parents:
        raise Refused(
            f"{target} is the current folder or one of its parents; nothing deleted.",
            "Run polepos delete from the folder that contains the project.",
        )
    if not target.is_dir():
        raise Refused(f"{target} is not a folder; nothing deleted.")
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

    shutil.rmtree(deletion.root)
