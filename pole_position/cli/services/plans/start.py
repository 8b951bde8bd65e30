"""Plan a new project: render the template, write `.env`, manifest and starter."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.layout import ENV_EXAMPLE, MANIFEST_FILE
from pole_position import __version__
from pole_position.cli.errors import Refused
from pole_position.cli.services.catalog.databases import Database
from pole_position.cli.services.naming.validation import ProjectName
from pole_position.cli.services.project.change_set import ChangeSet

if TYPE_CHECKING:
    from codemods.lockfile import GeneratedFiles


def plan_project(
    parent: Path, name: ProjectName, db: Database, *, no_bytecode: bool = False
) -> ChangeSet:
    """Build the change set that creates `parent/<name>`; refuses if it exists."""
    root = parent / name.name
    if root.exists() or root.is_symlink():
        raise Refused(
            f"{root} already exists; nothing was changed.",
            "Choose another name or remove that folder first.",
        )
    from codemods.manifest import new_manifest
    from pole_position.cli.services.plans.module.starter import plan_starter_module
    from pole_position.cli.services.project.local_env import local_env, new_jwt_secret
    from pole_position.cli.services.render.templates import render_folder

    context = {
        "project_name": name.name,
        "package": name.package,
        "db": db.value,
        "no_bytecode": no_bytecode,
        "polepos_version": __version__,
    }
    changes = ChangeSet(root)
    rendered = render_folder("project", context)
    for path, text in rendered.items():
        changes.create(path, text)
    # Not a template file: its secret is the project's own, never re-rendered.
    example = rendered[ENV_EXAMPLE]
    changes.create(".env", local_env(example, new_jwt_secret()))
    changes.create(MANIFEST_FILE, new_manifest(name.package, db.value))
    plan_starter_module(changes, name.package, db.value, __version__)
    changes.wire([_base_record(rendered, context)])
    return changes


def _base_record(
    rendered: dict[str, str], context: Mapping[str, object]
) -> GeneratedFiles:
    """The lock record of the base project: hashes and render inputs, for `upgrade`."""
    from codemods.lockfile import GeneratedFiles
    from pole_position.cli.services.plans.module.files import hashed
    from pole_position.cli.services.plans.upgrade.owners import (
        PROJECT_OWNER,
        PROJECT_SECTION,
    )

    return GeneratedFiles(
        section=PROJECT_SECTION,
        owner=PROJECT_OWNER,
        files=hashed(rendered),
        template="project",
        version=__version__,
        notes=(
            ("db", str(context["db"])),
            ("no_bytecode", "true" if context["no_bytecode"] else "false"),
            ("project_name", str(context["project_name"])),
        ),
    )
