"""Imports that cannot work: a module's missing first-party files, and database
imports in a `--db none` project.

Module files are read through the run's shared import facts (the cycle check
reads the same files), so each file is still parsed once, and not at all when
the check cache holds its facts.
"""

from __future__ import annotations

import re

from codemods import codes
from codemods.layout import MANIFEST_FILE
from pole_position.cli.services.check.context import CheckContext
from pole_position.cli.services.check.cycles import (
    ImportFact,
    _location,
    import_facts,
    unpack,
)

_DATABASE_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(sqlalchemy|alembic)\b"
    r"|import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*(sqlalchemy|alembic)\b)",
    re.M,
)


def check_database_imports(context: CheckContext) -> None:
    """In a `--db none` project, report every line that imports SQLAlchemy/Alembic."""
    if context.db != "none":
        return
    package = context.root / context.layout.package_dir
    for file in sorted(package.rglob("*.py")):
        if "__pycache__" in file.parts:
            continue
        path = file.relative_to(context.root).as_posix()
        text = context.files.text(path)
        if text is None or ("sqlalchemy" not in text and "alembic" not in text):
            continue
        for match in _DATABASE_IMPORT.finditer(text):
            library = match.group(1) or match.group(2)
            context.report(
                codes.DATABASE_IMPORT_REMNANT.finding(
                    f"imports {library} in a project created with --db none",
                    f'Remove the import, or set db = "custom" in {MANIFEST_FILE} '
                    "if the project now has its own database.",
                    path,
                    text.count("\n", 0, match.start()) + 1,
                )
            )


def _module_exists(context: CheckContext, parts: list[str]) -> bool:
    root = context.layout.source_root
    base = "/".join([*([root] if root else []), *parts])
    return context.files.is_file(f"{base}.py") or context.files.is_dir(base)


def _targets(
    fact: ImportFact, location: list[str]
) -> list[tuple[list[str], list[str]]]:
    """(module parts, names imported from it) for each module a statement needs."""
    kind, level, dotted, imported, _line = unpack(fact)
    if kind == "import":
        return [(name.split("."), []) for name in imported]
    module = dotted.split(".") if dotted else []
    if level == 0:
        return [(module, [])]
    if level > len(location):
        return []  # beyond the top package: Python itself reports it
    base = location[: len(location) - (level - 1)] + module
    # `from . import x`: x is a submodule or a name the package defines.
    return [(base, [] if module else list(imported))]


def check_module_imports(context: CheckContext) -> None:
    """Every first-party module a recorded module's files import must exist."""
    for name in sorted(context.modules):
        folder = context.root / context.layout.module_dir(name)
        if not folder.is_dir():
            continue  # reported as missing module files
        for path in context.files.python_files(context.layout.module_dir(name)):
            facts = import_facts(context, path)
            if facts is None:
                continue
            location = _location(context, path)
            for fact in facts:
                for parts, names in _targets(fact, location):
                    missing = _missing(context, parts, names)
                    if missing is None:
                        continue
                    context.report(
                        codes.IMPORTED_FILE_MISSING.finding(
                            f"imports {missing}, which does not exist",
                            "Restore the file, or remove the module and add it "
                            "again.",
                            path,
                            unpack(fact)[4],
                        )
                    )


def _missing(context: CheckContext, parts: list[str], names: list[str]) -> str | None:
    """The dotted name of the first-party module that is missing, if any."""
    if not parts or parts[0] != context.package:
        return None
    if not _module_exists(context, parts):
        return ".".join(parts)
    root = context.layout.source_root
    package_init = "/".join([*([root] if root else []), *parts, "__init__.py"])
    for name in names:
        if _module_exists(context, [*parts, name]):
            continue
        text = context.files.text(package_init) or ""
        if not re.search(rf"\b{re.escape(name)}\b", text):
            return ".".join([*parts, name])
    return None
