"""Find the project a command runs in: the nearest `.poleposition.toml` walking up.

Projects without a manifest are recognised by their structure
(`pyproject.toml` beside `src/<package>/api/router.py`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from codemods.containment import name_problem
from codemods.encoding import read_utf8, strip_bom
from pole_position.cli.errors import Refused

MANIFEST = ".poleposition.toml"


@dataclass(frozen=True)
class Project:
    """Where a project lives and what it is."""

    root: Path
    package: str
    db: str
    has_manifest: bool = True

    def src(self, *parts: str) -> str:
        """A path below the package, relative to the root, with POSIX separators."""
        return "/".join(("src", self.package, *parts))


def _inferred(root: Path) -> Project | None:
    if not (root / "pyproject.toml").is_file():
        return None
    for router in sorted((root / "src").glob("*/api/router.py")):
        package = router.parent.parent.name
        db = "none"
        if (root / "alembic.ini").is_file() or (router.parent.parent / "db").is_dir():
            db = "sqlite"
        return Project(root=root, package=package, db=db, has_manifest=False)
    return None


def has_manifest(folder: Path) -> bool:
    """True when `folder` holds a manifest that is a regular file, not a link."""
    try:
        return (folder / MANIFEST).is_file() and not (folder / MANIFEST).is_symlink()
    except OSError:  # a name too long for the file system, say
        return False


def read_manifest_identity(root: Path) -> Project:
    """Read package and db mode from a manifest, refusing clearly when it is broken."""
    path = root / MANIFEST
    try:
        data = tomllib.loads(strip_bom(read_utf8(path)))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refused(
            f"{path} is not valid TOML ({exc}).",
            "Fix it (see 'polepos check') before running this command.",
        ) from None
    except OSError as exc:
        raise Refused(
            f"{path} cannot be read ({exc.strerror or type(exc).__name__}).",
            "Make it a readable file, then run the command again.",
        ) from None
    table = data.get("poleposition", {})
    package = table.get("package") if isinstance(table, dict) else None
    db = table.get("db", "sqlite") if isinstance(table, dict) else "sqlite"
    if (
        not isinstance(package, str)
        or not package.isidentifier()
        or name_problem(package) is not None
    ):
        raise Refused(
            f"{path} does not name a valid package under [poleposition].",
            "Add package = \"<your_package>\" there (see 'polepos check').",
        )
    return Project(root=root, package=package, db=str(db))


def locate_project(start: Path | None = None) -> Project:
    """The project containing `start` (default: the current directory).

    An interrupted change found there is rolled back first (see `journal`).
    """
    from pole_position.cli.services.project.journal import recover

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if has_manifest(folder):
            # An interrupted change is rolled back before anything is read.
            recover(folder)
            return read_manifest_identity(folder)
    for folder in (here, *here.parents):
        project = _inferred(folder)
        if project is not None:
            recover(folder)
            return project
    raise Refused(
        f"no PolePosition project found at {here} or above.",
        "Run this inside a project created by 'polepos start'.",
    )
