"""A project's recorded state: its manifest and its content-hash lock, read once."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.change_set import read_text
from pole_position.cli.services.project.locate import MANIFEST, Project

if TYPE_CHECKING:
    from codemods.lockfile import LockData
    from codemods.manifest import Manifest


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class ProjectState(NamedTuple):
    """The project plus what its manifest and lock record."""

    project: Project
    manifest: Manifest
    lock: LockData

    @property
    def modules(self) -> dict[str, str]:
        """Recorded modules and their template strings."""
        return dict(self.manifest.modules)


def load_state(project: Project) -> ProjectState:
    """Read manifest and lock; refuse clearly when the manifest cannot be trusted.

    Inside a command this takes the project lock first and keeps it until the
    command ends: everything the plan reads and writes is one snapshot.
    """
    from codemods.encoding import strip_bom
    from codemods.lockfile import LOCK_PATH, LockDocument, read_lock
    from codemods.manifest import read_manifest
    from pole_position.cli.services.project.lock import hold

    hold(project.root)

    manifest_path = project.root / MANIFEST
    if manifest_path.is_file() and not manifest_path.is_symlink():
        text = strip_bom(read_text(manifest_path, MANIFEST))
        manifest = project.manifest
        if manifest is None or manifest.source != text:
            manifest = read_manifest(text)
            if manifest.layout is not None:
                project = replace(project, layout=manifest.layout, manifest=manifest)
        if manifest.errors:
            from pole_position.cli.output import located

            first = manifest.errors[0]
            raise Refused(
                located(first.path or MANIFEST, first.line, first.message),
                "Fix it (see 'polepos check') before changing the project.",
            )
    else:
        raise Refused(
            f"{project.root} has no {MANIFEST}, so PolePosition cannot tell what it "
            "generated.",
            "Run 'polepos check' to see what is missing.",
        )
    lock_path = project.root / LOCK_PATH
    lock: LockData = LockDocument()
    if lock_path.is_file() or lock_path.is_symlink():
        lock, problems = read_lock(read_text(lock_path, LOCK_PATH))
        if problems:
            # The lock decides what remove deletes: never act on a damaged one.
            raise Refused(
                problems[0].message.rstrip(".") + "; nothing was changed.",
                problems[0].hint,
            )
    return ProjectState(project=project, manifest=manifest, lock=lock)
