"""Everything PolePosition generated in a project, as owners it can render again.

An owner is one template folder rendered with recorded inputs: the base
project, each module, each integration, auth and the shared LLM scaffold. For
each one the upgrade renders the recorded version (the merge base) and the
installed version (the new render), and knows the wiring operations that the
owner put into shared, managed files.

An adopted project (a `[layout]` other than the generated one) has no base
project: the project's own code is never an owner. Its place is taken by the
files `polepos adopt` wrote (the support package, the exports packages and the
test fixtures), and every owner renders at the layout's paths.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from codemods.layout import Layout
from pole_position import __version__
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    from codemods.fields_spec import FieldSpec
    from pole_position.cli.services.project.wiring_types import AnyWiring

# Projects made before the lock recorded the base project came from 0.1.0.
FIRST_RELEASE = "0.1.0"
PROJECT_SECTION = "project"
PROJECT_OWNER = "base"
# Adopt came with 0.2.0, so support files without a lock record are its render.
ADOPT_RELEASE = "0.2.0"
# `Owner.folder` of the files adopt wrote, which come from several folders.
ADOPT_FOLDER = "adopt"


@dataclass(frozen=True)
class Owner:
    """One rendered template folder and the wiring it contributes."""

    section: str
    name: str
    folder: str  # below template/
    template: str  # what the lock records as the owner's template
    context: dict[str, object]  # render inputs, without polepos_version
    version: str  # the polepos version that generated it
    layout: Layout  # where the rendered files go in the project
    recorded: dict[str, str] = field(default_factory=dict)  # {path: content hash}
    wiring: tuple[AnyWiring, ...] = ()  # operations it applies to managed files now
    notes: tuple[tuple[str, str], ...] = ()  # lock notes to carry over
    fields: tuple[FieldSpec, ...] = ()  # recorded `polepos add field` specs (modules)
    # The operations as `version` applied them, when they differ from `wiring`
    # (a wiring migration: the old shape is taken out, the new one put in).
    old_wiring: tuple[AnyWiring, ...] | None = None

    @property
    def applied_wiring(self) -> tuple[AnyWiring, ...]:
        """The operations that are in the project now, as `version` applied them."""
        return self.wiring if self.old_wiring is None else self.old_wiring

    def render(self, version: str) -> dict[str, str]:
        """The owner's files as `version` renders them (stored or installed release)."""
        from pole_position.cli.services.render.templates import render_folder

        release = None if version == __version__ else version
        if self.folder == ADOPT_FOLDER:
            from pole_position.cli.services.plans.adopt.plan import support_files
            from pole_position.template_history import UnknownRelease

            try:
                return support_files(self.layout, release)
            except KeyError:  # a stored release from before adopt existed
                raise UnknownRelease(version) from None
        context = {**self.context, "polepos_version": version}
        files = self.layout.place_all(
            render_folder(self.folder, context, release=release)
        )
        if not self.fields:
            return files
        from pole_position.cli.services.plans.field import with_recorded_fields

        return with_recorded_fields(
            files,
            self.layout,
            self.name,
            str(self.context["template"]),
            self.fields,
        )


def _entry(state: ProjectState, section: str, owner: str) -> Mapping[str, object]:
    entry = state.lock.get(section, {}).get(owner, {})
    return entry if isinstance(entry, dict) else {}


def _recorded(entry: Mapping[str, object]) -> dict[str, str]:
    files = entry.get("files", {})
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _notes(entry: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    skip = {"files", "template", "polepos"}
    return tuple(sorted((str(k), str(v)) for k, v in entry.items() if k not in skip))


def _project_inputs(
    state: ProjectState, entry: Mapping[str, object]
) -> dict[str, object]:
    """The base project's render inputs: recorded, or recovered for 0.1.0 projects."""
    project = state.project
    name = entry.get("project_name")
    if not isinstance(name, str) or not name:
        name = _pyproject_name(state) or project.root.name
    no_bytecode = entry.get("no_bytecode")
    if not isinstance(no_bytecode, str):
        no_bytecode = "true" if _dockerfile_skips_bytecode(state) else "false"
    return {
        "project_name": name,
        "package": project.package,
        "db": project.db,
        "no_bytecode": no_bytecode == "true",
    }


def _pyproject_name(state: ProjectState) -> str | None:
    try:
        data = tomllib.loads((state.project.root / "pyproject.toml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    name = data.get("project", {}).get("name")
    return name if isinstance(name, str) else None


def _dockerfile_skips_bytecode(state: ProjectState) -> bool:
    # `start --no-bytecode` is visible in the generated Dockerfile's environment.
    try:
        text = (state.project.root / "Dockerfile").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "PYTHONDONTWRITEBYTECODE" in text


def adopted(state: ProjectState) -> bool:
    """True when `polepos adopt` brought the project under management: a layout
    other than the one `start` generates (the same test `check` makes)."""
    return not state.project.layout.is_default


def generated_owners(state: ProjectState) -> list[Owner]:
    """Every owner the project's manifest and lock record, in wiring order."""
    from pole_position.cli.services.catalog.modules import STARTER_MODULE
    from pole_position.cli.services.plans.feature import feature_context

    project = state.project
    owners = [_support_owner(state) if adopted(state) else _base_owner(state)]
    context = feature_context(project)
    for name, value in state.modules.items():
        if name == STARTER_MODULE:
            continue
        owners.append(_module_owner(state, name, value))
    owners.extend(
        _feature_owner(state, "integrations", name, context)
        for name in state.manifest.integrations
    )
    if state.manifest.auth:
        owners.append(_feature_owner(state, "auth", "auth", context))
    llm_entry = _entry(state, "shared", "llm")
    if llm_entry:
        owners.append(_llm_owner(state, llm_entry, context))
    return owners


def _base_owner(state: ProjectState) -> Owner:
    """The project `start` generated, with the starter module's wiring."""
    base_entry = _entry(state, PROJECT_SECTION, PROJECT_OWNER)
    return Owner(
        section=PROJECT_SECTION,
        name=PROJECT_OWNER,
        folder="project",
        template="project",
        context=_project_inputs(state, base_entry),
        version=str(base_entry.get("polepos") or FIRST_RELEASE),
        layout=state.project.layout,
        recorded=_recorded(base_entry),
        wiring=tuple(_starter_wiring(state)),
        old_wiring=tuple(_starter_wiring_before_app_route(state)),
    )


def _support_owner(state: ProjectState) -> Owner:
    """The files `polepos adopt` wrote; their wiring belongs to the other owners."""
    from pole_position.cli.services.plans.adopt.plan import (
        SUPPORT_OWNER,
        SUPPORT_SECTION,
    )

    entry = _entry(state, SUPPORT_SECTION, SUPPORT_OWNER)
    return Owner(
        section=SUPPORT_SECTION,
        name=SUPPORT_OWNER,
        folder=ADOPT_FOLDER,
        template=ADOPT_FOLDER,
        context={},
        version=str(entry.get("polepos") or ADOPT_RELEASE),
        layout=state.project.layout,
        recorded=_recorded(entry),
    )


def _starter_wiring(state: ProjectState) -> list[AnyWiring]:
    from pole_position.cli.services.catalog.modules import STARTER, STARTER_MODULE
    from pole_position.cli.services.plans.module.wiring import module_wiring

    project = state.project
    return module_wiring(project.layout, STARTER_MODULE, STARTER)


def _starter_wiring_before_app_route(state: ProjectState) -> list[AnyWiring]:
    """The starter's wiring as earlier templates applied it: its router was also
    included by the API router file (now `create_app` registers the route).

    Taken out unconditionally: inverting a router wiring that is not there is a
    no-op, and a 0.2.0 project generated before the change records the same
    version as one generated after it.
    """
    from dataclasses import replace

    from pole_position.cli.services.catalog.modules import STARTER, STARTER_MODULE
    from pole_position.cli.services.plans.module.wiring import module_wiring

    earlier = replace(STARTER, router_in_api=True)
    return module_wiring(state.project.layout, STARTER_MODULE, earlier)


def _module_owner(state: ProjectState, name: str, value: str) -> Owner:
    from codemods.manifest import parse_module_template
    from pole_position.cli.services.catalog.modules import TEMPLATES
    from pole_position.cli.services.plans.field import recorded_fields_of
    from pole_position.cli.services.plans.module.files import module_context
    from pole_position.cli.services.plans.module.request import ModuleRequest
    from pole_position.cli.services.plans.module.wiring import module_wiring

    template, options = parse_module_template(value)
    spec = TEMPLATES[template]
    entry = _entry(state, "modules", name)
    project = state.project
    # The inputs `add module` renders with, so the new render is what add writes.
    context = module_context(project, ModuleRequest(name, spec, options))
    del context["polepos_version"]
    return Owner(
        section="modules",
        name=name,
        folder=f"modules/{template}",
        template=value,
        context=context,
        version=str(entry.get("polepos") or FIRST_RELEASE),
        layout=project.layout,
        recorded=_recorded(entry),
        wiring=tuple(module_wiring(project.layout, name, spec)),
        notes=_notes(entry),
        fields=recorded_fields_of(state, name),
    )


def _feature_owner(
    state: ProjectState, section: str, name: str, feature_context: Mapping[str, object]
) -> Owner:
    from codemods.dependency import Dependency
    from pole_position.cli.services.plans.auth import auth_feature
    from pole_position.cli.services.plans.feature import (
        ADDED_DEPENDENCIES,
        recorded_feature,
    )
    from pole_position.cli.services.plans.integration import integration_feature

    project = state.project
    entry = _entry(state, section, name)
    version = str(entry.get("polepos") or FIRST_RELEASE)
    feature = recorded_feature(
        (
            auth_feature(project)
            if section == "auth"
            else integration_feature(project, name)
        ),
        state.lock,
    )
    added = [r for r in str(entry.get(ADDED_DEPENDENCIES, "")).split(",") if r]
    dependencies = tuple(Dependency(requirement=r) for r in added)
    old_wiring = None
    if section == "auth":
        old_operations = recorded_feature(
            auth_feature(project, version), state.lock
        ).operations
        if old_operations != feature.operations:
            old_wiring = (*old_operations, *dependencies)
    return Owner(
        section=section,
        name=name,
        folder=feature.template_folder,
        template=str(entry.get("template") or name),
        context=dict(feature_context),
        version=version,
        layout=project.layout,
        recorded=_recorded(entry),
        wiring=(*feature.operations, *dependencies),
        notes=_notes(entry),
        old_wiring=old_wiring,
    )


def _llm_owner(
    state: ProjectState,
    entry: Mapping[str, object],
    feature_context: Mapping[str, object],
) -> Owner:
    from codemods.lockfile import GeneratedFiles
    from pole_position.cli.services.plans.module import llm

    operations = [
        op
        for op in llm.scaffold_operations(state.project, {})
        if not isinstance(op, GeneratedFiles)
    ]
    return Owner(
        section=llm.SECTION,
        name=llm.OWNER,
        folder="integrations/llm",
        template=str(entry.get("template") or "ai-prompt"),
        context=dict(feature_context),
        version=str(entry.get("polepos") or FIRST_RELEASE),
        layout=state.project.layout,
        recorded=_recorded(entry),
        wiring=tuple(operations),
        notes=_notes(entry),
    )
