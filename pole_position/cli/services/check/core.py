"""The core layer: identity, required paths, Alembic, database remnants, markers."""

from __future__ import annotations

from functools import partial
from typing import Any

from codemods import codes
from pole_position.cli.services.check.context import CheckContext, Repair

COMMON_PATHS = (
    "app.py",
    "main.py",
    "run.py",
    "settings.py",
    "api/router.py",
    "auth/__init__.py",
    "bootstrap/__init__.py",
    "domain/__init__.py",
    "integrations/__init__.py",
    "modules/__init__.py",
)
DATABASE_PATHS = ("db/base.py", "db/session.py", "db/models.py")
ALEMBIC_PATHS = ("alembic.ini", "migrations/env.py", "migrations/script.py.mako")


def check_identity(context: CheckContext) -> None:
    """pyproject.toml, the package folder and the manifest's agreement with it."""
    text = context.files.text("pyproject.toml")
    if text is None and not context.files.exists("pyproject.toml"):
        context.report(
            codes.PYPROJECT_MISSING.finding(
                "pyproject.toml is missing",
                "Restore it from version control; every generated project has one.",
                "pyproject.toml",
            )
        )
    elif text is not None:
        parsed = context.remember(
            "pyproject", ["pyproject.toml"], None, lambda: _check_pyproject(context)
        )
        if not parsed:
            # As the uncached run does: later readers get None, reported once.
            context.files.reject("pyproject.toml")
    if not context.package.isidentifier():
        context.report(
            codes.PACKAGE_NOT_IDENTIFIER.finding(
                f"package {context.package!r} is not a Python identifier",
                "Set [poleposition].package in .poleposition.toml to the folder "
                "name under src/.",
                ".poleposition.toml",
            )
        )
        return
    if not (context.root / "src" / context.package).is_dir():
        packages = sorted(
            init.parent.name for init in (context.root / "src").glob("*/__init__.py")
        )
        if context.manifest is not None and len(packages) == 1:
            context.report(
                codes.MANIFEST_PACKAGE_MISMATCH.finding(
                    f"the manifest names package {context.package!r} but src/ holds "
                    f"{packages[0]!r}",
                    f'Set package = "{packages[0]}" under [poleposition].',
                    ".poleposition.toml",
                )
            )
        else:
            context.report(
                codes.PACKAGE_MISSING.finding(
                    f"src/{context.package}/ does not exist",
                    "Restore the package folder, or fix [poleposition].package.",
                    f"src/{context.package}",
                )
            )


def _check_pyproject(context: CheckContext) -> bool:
    """Report an invalid pyproject.toml; False when it does not parse."""
    from codemods._toml import TOML_FORMAT

    # The one parse of pyproject.toml this run: the dependency checkers reuse it.
    data = context.files.document("pyproject.toml", TOML_FORMAT, quiet=True)
    if data is None:
        context.report(
            codes.PYPROJECT_INVALID.finding(
                "pyproject.toml is not valid TOML",
                "Fix the TOML syntax.",
                "pyproject.toml",
            )
        )
        return False
    if not hasattr(data.get("project"), "get"):
        context.report(
            codes.PYPROJECT_INVALID.finding(
                "pyproject.toml has no [project] table",
                "Restore the [project] table with name and dependencies.",
                "pyproject.toml",
            )
        )
    return True


def check_structure(context: CheckContext) -> None:
    """Required generated paths, Alembic files in db modes, remnants without a db."""
    for relative in COMMON_PATHS:
        path = context.src(relative)
        if not context.files.exists(path):
            context.report(
                codes.PATH_MISSING.finding(
                    f"{path} is missing",
                    "Restore it from version control; the project depends on it.",
                    path,
                )
            )
    if not context.files.exists("tests/conftest.py"):
        context.report(
            codes.PATH_MISSING.finding(
                "tests/conftest.py is missing",
                "Restore it; the generated tests depend on its fixtures.",
                "tests/conftest.py",
            )
        )
    if context.db in ("sqlite", "postgres"):
        for relative in DATABASE_PATHS:
            path = context.src(relative)
            if not context.files.exists(path):
                context.report(
                    codes.PATH_MISSING.finding(
                        f"{path} is missing",
                        "Restore it; database modules import from it.",
                        path,
                    )
                )
        for path in (*ALEMBIC_PATHS, "migrations/versions"):
            if not context.files.exists(path):
                context.report(
                    codes.ALEMBIC_MISSING.finding(
                        f"{path} is missing",
                        "Restore it; 'polepos db' runs Alembic with it.",
                        path,
                    )
                )
    elif context.db == "none":
        for path in ("alembic.ini", "migrations", context.src("db")):
            if context.files.exists(path):
                context.report(
                    codes.DATABASE_REMNANT.finding(
                        f"{path} exists in a project created with --db none",
                        'Delete it, or set db = "sqlite" (or "custom") in '
                        ".poleposition.toml if the project now has a database.",
                        path,
                    )
                )


def check_markers(context: CheckContext) -> set[str]:
    """Each managed marker present exactly once; returns files whose markers are off."""
    broken: set[str] = set()
    db = context.db if context.db in ("sqlite", "postgres", "none") else "sqlite"
    inputs = [context.package, db]
    # Which files carry markers depends only on package and mode: remembered
    # too, so a warm run never imports the codemods (and LibCST) to learn it.
    paths: list[str] = context.remember(
        "marker-files", [], inputs, lambda: sorted(_expected(context.package, db))
    )
    for path in paths:
        if not context.files.exists(path):
            continue  # reported as a missing path
        check = partial(_check_file_markers, context, path, db)
        if context.remember("markers", [path], inputs, check):
            broken.add(path)
    return broken


def _expected(package: str, db: str) -> dict[str, Any]:
    from codemods.markers import expected_markers

    return dict(expected_markers(package, db))


def _check_file_markers(context: CheckContext, path: str, db: str) -> bool:
    """Report one file's marker findings; True when its markers are off."""
    from codemods.markers import RestoreMarker

    markers = _expected(context.package, db)[path]
    operations = [RestoreMarker(path=path, marker=marker) for marker in markers]
    document = context.files.document(path, operations[0].format)
    if document is None:
        return True
    broken = False
    for operation in operations:
        for finding in operation.check(document):
            broken = True
            context.report(
                finding,
                Repair(f"restored {operation.marker} in {path}", (operation,)),
            )
    return broken
