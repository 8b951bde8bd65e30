"""The core layer: identity, required paths, Alembic, database remnants, markers."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from codemods import codes
from codemods.layout import MANIFEST_FILE, MARKERS
from pole_position.cli.services.check.context import CheckContext, Repair
from pole_position.cli.services.project.wiring_types import AnyWiring

# Package files of a generated project beyond the layout's wiring files (those
# are checked in every layout); an adopted project need not have them.
LEADING_PATHS = ("app.py", "main.py", "run.py")
FOUNDATION_PATHS = ("auth/__init__.py", "bootstrap/__init__.py", "domain/__init__.py")
DATABASE_PATHS = ("db/base.py", "db/session.py")
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
                f"Set [poleposition].package in {MANIFEST_FILE} to the folder "
                "name under src/.",
                MANIFEST_FILE,
            )
        )
        return
    package_dir = context.layout.package_dir
    if not (context.root / package_dir).is_dir():
        source = context.root / context.layout.source_root
        packages = sorted(init.parent.name for init in source.glob("*/__init__.py"))
        if context.manifest is not None and len(packages) == 1:
            context.report(
                codes.MANIFEST_PACKAGE_MISMATCH.finding(
                    f"the manifest names package {context.package!r} but src/ holds "
                    f"{packages[0]!r}",
                    f'Set package = "{packages[0]}" under [poleposition].',
                    MANIFEST_FILE,
                )
            )
        else:
            context.report(
                codes.PACKAGE_MISSING.finding(
                    f"{package_dir}/ does not exist",
                    "Restore the package folder, or fix [poleposition].package.",
                    package_dir,
                )
            )


def _check_pyproject(context: CheckContext) -> bool:
    """Report an invalid pyproject.toml; False when it does not parse."""
    data = _pyproject_data(context)
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


def _pyproject_data(context: CheckContext) -> Mapping[str, object] | None:
    """pyproject.toml's tables, or None when it does not parse as TOML.

    tomllib (no tomlkit import) decides valid TOML; only text it rejects goes
    to tomlkit, whose verdict stays the one reported. A dependency checker
    that needs the tomlkit document still gets it from `files.document`.
    """
    import tomllib

    text = context.files.text("pyproject.toml")
    if text is not None:
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            pass
    from codemods.toml_source import TOML_FORMAT

    return context.files.document("pyproject.toml", TOML_FORMAT, quiet=True)


def check_structure(context: CheckContext) -> None:
    """Required generated paths, Alembic files in db modes, remnants without a db.

    An adopted layout is held only to the files wiring edits; the rest of the
    generated project's shape is not required of it.
    """
    layout = context.layout
    if not layout.is_default:
        _check_wiring_files(context)
        return
    paths = [
        *(layout.package_path(p) for p in LEADING_PATHS),
        layout.settings_file,
        layout.router_file,
        *(layout.package_path(p) for p in FOUNDATION_PATHS),
        layout.integration_exports_file,
        layout.module_exports_file,
    ]
    for path in filter(None, paths):
        if not context.files.exists(path):
            context.report(
                codes.PATH_MISSING.finding(
                    f"{path} is missing",
                    "Restore it from version control; the project depends on it.",
                    path,
                )
            )
    conftest = f"{layout.tests_dir}/conftest.py"
    if not context.files.exists(conftest):
        context.report(
            codes.PATH_MISSING.finding(
                f"{conftest} is missing",
                "Restore it; the generated tests depend on its fixtures.",
                conftest,
            )
        )
    if context.db in ("sqlite", "postgres"):
        database = [layout.package_path(p) for p in DATABASE_PATHS]
        for path in [*database, *filter(None, [layout.models_file])]:
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
        for path in ("alembic.ini", "migrations", layout.package_path("db")):
            if context.files.exists(path):
                context.report(
                    codes.DATABASE_REMNANT.finding(
                        f"{path} exists in a project created with --db none",
                        'Delete it, or set db = "sqlite" (or "custom") in '
                        f"{MANIFEST_FILE} if the project now has a database.",
                        path,
                    )
                )


def _check_wiring_files(context: CheckContext) -> None:
    """Each file the layout names for wiring exists."""
    for path in context.layout.expected_markers():
        if not context.files.exists(path):
            context.report(
                codes.PATH_MISSING.finding(
                    f"{path} is missing",
                    "Restore it, or fix its entry under [layout] in "
                    f"{MANIFEST_FILE}.",
                    path,
                )
            )


def check_markers(context: CheckContext) -> set[str]:
    """Each managed marker present exactly once; returns files whose markers are off."""
    broken: set[str] = set()
    # Which files carry markers depends only on the layout (in every cache key):
    # remembered too, so a warm run never imports the codemods (and LibCST).
    paths: list[str] = context.remember(
        "marker-files", [], None, lambda: sorted(_expected(context))
    )
    for path in paths:
        if not context.files.exists(path):
            continue  # reported as a missing path
        check = partial(_check_file_markers, context, path)
        if context.remember("markers", [path], None, check):
            broken.add(path)
    return broken


def _expected(context: CheckContext) -> dict[str, list[str]]:
    return {path: list(m) for path, m in context.layout.expected_markers().items()}


def _markers_in_place(context: CheckContext, path: str, markers: list[str]) -> bool:
    """True when the text shows each marker exactly once where LibCST counts it.

    The common case, decided without importing LibCST; anything else (a missing
    or repeated marker, a shape `text_source` leaves undecided) is False, and
    the LibCST checker then finds out what exactly is wrong.
    """
    from codemods.env import ENV_FORMAT, EnvDocument
    from codemods.text_source import normalize_marker

    if markers[0] not in MARKERS.env_order:
        source = context.files.python_text(path)
        return source is not None and all(source.spot(m) is not None for m in markers)
    document = context.files.document(path, ENV_FORMAT)
    if not isinstance(document, EnvDocument):
        return False

    def spelled(content: str) -> str | None:
        try:
            return normalize_marker(content)
        except ValueError:
            return None

    found = [
        spelled(content)
        for content in map(document.content, range(len(document.lines)))
        if content.strip().startswith("#")
    ]
    return all(found.count(marker) == 1 for marker in markers)


def _check_file_markers(context: CheckContext, path: str) -> bool:
    """Report one file's marker findings; True when its markers are off."""
    markers = _expected(context)[path]
    if _markers_in_place(context, path, markers):
        return False
    from codemods.markers import restore_marker

    operations = [restore_marker(path, marker) for marker in markers]
    first: AnyWiring = operations[0]  # every marker of a file shares its format
    document = context.files.document(path, first.format)
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
