"""Find the project a command runs in: the nearest manifest walking up.

Projects without a manifest are recognised by their structure
(`pyproject.toml` beside the generated layout's router file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

from codemods.containment import name_problem
from codemods.encoding import read_utf8, strip_bom
from codemods.layout import MANIFEST_FILE, Layout
from pole_position.cli.errors import Refused

if TYPE_CHECKING:
    from codemods.manifest import Manifest

MANIFEST = MANIFEST_FILE


@dataclass(frozen=True)
class Project:
    """Where a project lives, what it is, and where its wiring lives (`layout`)."""

    root: Path
    package: str
    db: str
    has_manifest: bool = True
    layout: Layout = field(default=None)  # type: ignore[assignment]
    # The manifest as read by `locate_project` (codemods.manifest.Manifest), so
    # a command parses it once; None for an inferred project.
    manifest: Manifest | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # `layout` is optional for callers; None means the generated default.
        if cast("object", self.layout) is None:
            object.__setattr__(self, "layout", Layout.default(self.package, self.db))


def _inferred(root: Path) -> Project | None:
    if not (root / "pyproject.toml").is_file():
        return None
    # The router file of the generated layout, whatever the package is called.
    shape = Layout.default("*")
    source = root / shape.source_root
    pattern = str(PurePosixPath(shape.router_file).relative_to(shape.source_root))
    for router in sorted(source.glob(pattern)):
        package = router.relative_to(source).parts[0]
        layout = Layout.default(package)
        db = "none"
        if (root / "alembic.ini").is_file() or (
            root / layout.package_path("db")
        ).is_dir():
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
    """Read package, db mode and layout from the manifest (once, with tomlkit),
    refusing clearly when they are broken."""
    from codemods import codes
    from codemods.manifest_read import read_manifest

    path = root / MANIFEST
    try:
        text = read_utf8(path)
    except UnicodeDecodeError as exc:
        raise Refused(
            f"{path} is not valid TOML ({exc}).",
            "Fix it (see 'polepos check') before running this command.",
        ) from None
    except OSError as exc:
        raise Refused(
            f"{path} cannot be read ({exc.strerror or type(exc).__name__}).",
            "Make it a readable file, then run the command again.",
        ) from None
    manifest = read_manifest(strip_bom(text))
    for error in manifest.errors:
        if error.code == codes.MANIFEST_MALFORMED.code:
            raise Refused(
                f"{path} is not valid TOML ({error.message.partition(': ')[2]}).",
                "Fix it (see 'polepos check') before running this command.",
            )
    package = manifest.package
    if package is None or name_problem(package) is not None:
        raise Refused(
            f"{path} does not name a valid package under [poleposition].",
            "Add package = \"<your_package>\" there (see 'polepos check').",
        )
    for error in manifest.errors:
        if error.code == codes.MANIFEST_BAD_LAYOUT.code:
            raise Refused(
                error.message.rstrip(".") + ".",
                "Fix [layout] (see 'polepos check') before running this command.",
            )
    db = manifest.db or "sqlite"
    layout = manifest.layout or Layout.default(package, db)
    return Project(root=root, package=package, db=db, layout=layout, manifest=manifest)


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
