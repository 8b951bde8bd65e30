"""Plan `polepos add module`: validate, render the module, wire it, record it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pole_position import __version__
from pole_position.cli.errors import Refused
from pole_position.cli.services.plans.module.request import (
    ModuleRequest,
    resolve_request,
)
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring

__all__ = ["ModuleRequest", "plan_add_module", "plan_add_modules", "resolve_request"]


def _refuse_if_present(state: ProjectState, request: ModuleRequest) -> None:
    project = state.project
    name = request.name
    if name in state.modules:
        raise Refused(
            f"module {name!r} already exists ({state.modules[name]}); nothing changed.",
            f"Remove it first with 'polepos remove module {name}'.",
        )
    if name in state.manifest.detached:
        raise Refused(
            f"module {name!r} exists as a detached module; nothing changed.",
            "Choose another name, or delete its folder and its [detached] entry.",
        )
    folder = project.root / project.layout.module_dir(name)
    if folder.exists():
        raise Refused(
            f"{folder} already exists; nothing changed.",
            "Choose another name or move that folder away.",
        )


def plan_add_module(state: ProjectState, request: ModuleRequest) -> ChangeSet:
    """The change set that adds one module (and the LLM scaffold on first use)."""
    return plan_add_modules(state, [request])


def plan_add_modules(state: ProjectState, requests: list[ModuleRequest]) -> ChangeSet:
    """One change set adding several modules: each touched file is parsed once."""
    from codemods.lockfile import GeneratedFiles
    from codemods.manifest import ManifestModule
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.plans.adopt.support import (
        refuse_auth_options,
        refuse_without_support,
    )
    from pole_position.cli.services.plans.module import files, llm
    from pole_position.cli.services.plans.module.wiring import (
        module_wiring,
        refuse_claimed,
    )
    from pole_position.cli.services.project.user_env import user_env_blocks

    names = [request.name for request in requests]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidInput(
            f"module {twice[0]!r} is named more than once.", "Name each module once."
        )
    project = state.project
    changes = ChangeSet(project.root)
    planned: dict[str, str] = {}
    operations: list[AnyWiring] = []
    llm_needed = not _llm_users(state)
    for request in requests:
        refuse_without_support(
            project, f"the {request.spec.name} template", request.spec.name
        )
        refuse_auth_options(project, request.name, request.options)
        if request.spec.needs_database and project.db == "none":
            raise Refused(
                f"the {request.spec.name} template needs a database, and this "
                "project was created with --db none.",
                f"Use 'polepos add module {request.name} --api-only' instead.",
            )
        _refuse_if_present(state, request)
        rendered = files.render_module(project, request)
        planned.update(rendered)
        operations += [
            *module_wiring(project.layout, request.name, request.spec),
            ManifestModule(name=request.name, template=request.manifest_value),
            GeneratedFiles(
                section="modules",
                owner=request.name,
                files=files.hashed(rendered),
                template=request.manifest_value,
                version=__version__,
            ),
        ]
        if request.spec.uses_llm and llm_needed:
            llm_needed = False
            scaffold = llm.scaffold_files(project)
            planned.update(scaffold)
            scaffold_operations = llm.scaffold_operations(project, scaffold)
            operations += scaffold_operations
            operations += user_env_blocks(project.root, scaffold_operations)
    for path, text in planned.items():
        if (project.root / path).exists():
            raise Refused(
                f"{path} already exists and would be overwritten; nothing changed.",
                "Move it away, or choose another module name.",
            )
        changes.create(path, text)
    _ensure_lock(changes, project.root)
    refuse_claimed(changes, operations)
    changes.wire(operations)
    return changes


def _llm_users(state: ProjectState) -> list[str]:
    from codemods.manifest import parse_module_template

    return [
        name
        for name, value in state.modules.items()
        if parse_module_template(value)[0] == "ai-prompt"
    ]


def _ensure_lock(changes: ChangeSet, root: Path) -> None:
    from codemods.lockfile import LOCK_PATH

    if not (root / LOCK_PATH).exists():
        changes.create(LOCK_PATH, "")
