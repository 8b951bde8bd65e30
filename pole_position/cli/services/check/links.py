"""Managed files that are symbolic links, or lead outside the project (PP033, PP030).

Add and remove refuse to edit such files (the change set never replaces a link
or writes through one); `check` says so up front, naming each file once.
"""

from __future__ import annotations

from codemods import codes
from codemods.containment import PathEscape, contained
from pole_position.cli.services.check.context import CheckContext

_ROOT_FILES = (
    ".poleposition.toml",
    ".poleposition.lock",
    "pyproject.toml",
    ".env.example",
)
_PACKAGE_FILES = (
    ("api", "router.py"),
    ("db", "models.py"),
    ("modules", "__init__.py"),
    ("settings.py",),
)


def check_managed_links(context: CheckContext) -> None:
    """Report each managed file or module folder leading outside the root, or linked."""
    folders = sorted({*context.modules, *context.detached})
    paths = [
        *_ROOT_FILES,
        *(context.src(*parts) for parts in _PACKAGE_FILES),
        *(context.src("modules", name) for name in folders),
    ]
    for path in paths:
        target = context.root / path
        try:
            contained(context.root, path)
        except PathEscape as exc:
            context.report(
                codes.PATH_OUTSIDE_PROJECT.finding(
                    f"the managed path {exc}",
                    "Replace the link with a regular file inside the project.",
                    path,
                )
            )
            continue
        if target.is_symlink() and not target.is_dir():
            context.report(
                codes.MANAGED_FILE_LINKED.finding(
                    f"{path} is a symbolic link; add and remove refuse to edit it",
                    "Replace the link with a regular file (cp --remove-destination "
                    '"$(readlink -f FILE)" FILE).',
                    path,
                )
            )
