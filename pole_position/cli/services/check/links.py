"""Managed files that are symbolic links, or lead outside the project (PP033, PP030).

Add and remove refuse to edit such files (the change set never replaces a link
or writes through one); `check` says so up front, naming each file once.
"""

from __future__ import annotations

from codemods import codes
from codemods.containment import Containment, PathEscape
from codemods.layout import MANIFEST_FILE
from codemods.lockfile import LOCK_PATH
from pole_position.cli.services.check.context import CheckContext

_ROOT_FILES = (MANIFEST_FILE, LOCK_PATH, "pyproject.toml")


def check_managed_links(context: CheckContext) -> None:
    """Report each managed file or module folder leading outside the root, or linked."""
    folders = sorted({*context.modules, *context.detached})
    layout = context.layout
    wiring_files = (
        layout.env_example,
        layout.router_file,
        layout.models_file,
        layout.module_exports_file,
        layout.settings_file,
    )
    paths = [
        *_ROOT_FILES,
        *(path for path in wiring_files if path is not None),
        *(layout.module_dir(name) for name in folders),
    ]
    probe = Containment(context.root)
    for path in paths:
        try:
            target = probe.check(path)
        except PathEscape as exc:
            context.report(
                codes.PATH_OUTSIDE_PROJECT.finding(
                    f"the managed path {exc}",
                    "Replace the link with a regular file inside the project.",
                    path,
                )
            )
            continue
        if path in probe.links and not target.is_dir():
            context.report(
                codes.MANAGED_FILE_LINKED.finding(
                    f"{path} is a symbolic link; add and remove refuse to edit it",
                    "Replace the link with a regular file (cp --remove-destination "
                    '"$(readlink -f FILE)" FILE).',
                    path,
                )
            )
