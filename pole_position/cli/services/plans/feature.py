"""Add and remove a *feature* (an integration, auth): files, wiring, deps, records.

A feature is a template folder plus wiring operations, some requirements, a
manifest entry and a lock entry. `add` records which requirements it really
introduced, so `remove` takes away exactly those and leaves a dependency the
user already had; likewise the `typing` imports its settings fields needed and
the settings file lacked (`codemods.settings.ADDED_IMPORTS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from codemods.layout import Layout
from pole_position import __version__
from pole_position.cli.errors import Refused
from pole_position.cli.services.plans.template_context import layout_context

if TYPE_CHECKING:
    # Types only (the change set among them): `check` reads features too.
    from codemods.manifest import ManifestFlag, ManifestIntegration
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.locate import Project
    from pole_position.cli.services.project.state import ProjectState
    from pole_position.cli.services.project.wiring_types import AnyWiring

ADDED_DEPENDENCIES = "added_dependencies"


@dataclass(frozen=True)
class Feature:
    """Everything `add` writes for one feature and `remove` takes back."""

    label: str  # for messages: "integration redis", "auth"
    section: str  # lock section: "integrations" or "auth"
    owner: str  # lock owner: "redis", "auth"
    template_folder: str  # below template/: "integrations/redis", "auth"
    folder: str  # the feature's own folder in the project, deleted by remove
    requirements: tuple[str, ...]
    operations: tuple[AnyWiring, ...]  # settings, env, exports, router, model
    manifest_entry: ManifestIntegration | ManifestFlag


def settings_file(layout: Layout, what: str) -> str:
    """The layout's settings file, or a refusal naming `what` needs one."""
    if layout.settings_file is None:
        raise Refused(
            f"{what} adds settings fields, and this project's [layout] names no "
            "settings_file; nothing changed.",
            "Set settings_file under [layout] in the manifest to the file that "
            "defines the project's BaseSettings class.",
        )
    return layout.settings_file


def recorded_feature(feature: Feature, lock: Mapping[str, object]) -> Feature:
    """`feature` with the settings imports its `add` recorded in the lock, so
    `remove`, `check` and `upgrade` work with the operation `add` applied."""
    from codemods.settings import (
        ADDED_IMPORTS,
        SettingsFields,
        parse_imports_note,
    )

    section = lock.get(feature.section, {})
    entry = section.get(feature.owner, {}) if isinstance(section, Mapping) else {}
    note = entry.get(ADDED_IMPORTS, "") if isinstance(entry, Mapping) else ""
    imports = parse_imports_note(str(note))
    if not imports:
        return feature
    operations = tuple(
        replace(op, imports=imports) if isinstance(op, SettingsFields) else op
        for op in feature.operations
    )
    return replace(feature, operations=operations)


def _owning(changes: ChangeSet, feature: Feature) -> Feature:
    """`feature` whose settings blocks also import the `typing` names their
    annotations use and the settings file does not bind."""
    from codemods import WiringError
    from codemods.settings import SettingsFields

    operations: list[AnyWiring] = []
    for op in feature.operations:
        if isinstance(op, SettingsFields):
            # A broken settings file: applying the block reports it.
            with suppress(WiringError):
                op = op.owning(changes.document(op.path, op.format))
        operations.append(op)
    return replace(feature, operations=tuple(operations))


def _added_imports(feature: Feature) -> str:
    from codemods.settings import SettingsFields, imports_note

    return imports_note(
        sorted(
            {
                wanted
                for op in feature.operations
                if isinstance(op, SettingsFields)
                for wanted in op.imports
            }
        )
    )


def feature_context(project: Project) -> dict[str, object]:
    """The render inputs of a feature template, but the generating version."""
    from pole_position.cli.services.plans.adopt.context import settings_context

    return {
        "package": project.package,
        "project_name": project.root.name,
        "db": project.db,
        **layout_context(project.layout),
        **settings_context(project.root, project.layout),
    }


def render_feature(state: ProjectState, feature: Feature) -> dict[str, str]:
    """The feature's files, by project path."""
    from pole_position.cli.services.render.templates import render_folder

    project = state.project
    context = {**feature_context(project), "polepos_version": __version__}
    return project.layout.place_all(render_folder(feature.template_folder, context))


def _introduced(changes: ChangeSet, requirements: tuple[str, ...]) -> list[str]:
    """Requirements the project does not satisfy yet (conflicts refuse here)."""
    from codemods import WiringError
    from codemods.dependency import Dependency, Verdict

    # The same parsed document the dependency edits will start from.
    document = changes.document("pyproject.toml", Dependency.format)
    introduced = []
    for requirement in requirements:
        dependency = Dependency(requirement=requirement)
        try:
            verdict = dependency.assess(document).verdict
        except WiringError as exc:
            from pole_position.cli.output import located

            raise Refused(
                located("pyproject.toml", None, exc.message) + "; nothing was changed.",
                "Add a [project] dependencies array, then run the command again.",
            ) from None
        if verdict is Verdict.CONFLICT or verdict is Verdict.TOO_LOOSE:
            raise Refused(
                f"pyproject.toml pins {dependency.parsed.name} in a way that conflicts "
                f"with {requirement}; nothing was changed.",
                f"Relax or remove that pin so {requirement} can be satisfied.",
            )
        if verdict is Verdict.MISSING:
            introduced.append(requirement)
    return introduced


def plan_add_feature(state: ProjectState, feature: Feature) -> ChangeSet:
    """Files, wiring, introduced dependencies, manifest and lock in one change set."""
    from codemods.dependency import Dependency
    from codemods.lockfile import LOCK_PATH, GeneratedFiles
    from codemods.settings import ADDED_IMPORTS
    from pole_position.cli.services.plans.module.files import hashed
    from pole_position.cli.services.plans.module.wiring import refuse_claimed
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.user_env import user_env_blocks

    project = state.project
    files = render_feature(state, feature)
    changes = ChangeSet(project.root)
    introduced = (
        _introduced(changes, feature.requirements) if feature.requirements else []
    )
    for path, text in files.items():
        if (project.root / path).exists():
            raise Refused(
                f"{path} already exists and would be overwritten; nothing changed.",
                f"Move it away before adding {feature.label}.",
            )
        changes.create(path, text)
    if not (project.root / LOCK_PATH).exists():
        changes.create(LOCK_PATH, "")
    refuse_claimed(changes, feature.operations)
    feature = _owning(changes, feature)
    notes: list[tuple[str, str]] = []
    if introduced:
        notes.append((ADDED_DEPENDENCIES, ",".join(introduced)))
    if added_imports := _added_imports(feature):
        notes.append((ADDED_IMPORTS, added_imports))
    changes.wire(
        [
            *feature.operations,
            *user_env_blocks(project.root, feature.operations),
            *(Dependency(requirement=r) for r in introduced),
            feature.manifest_entry,
            GeneratedFiles(
                section=feature.section,
                owner=feature.owner,
                files=hashed(files),
                template=feature.owner,
                version=__version__,
                notes=tuple(notes),
            ),
        ]
    )
    return changes


def plan_remove_feature(
    state: ProjectState, feature: Feature, *, force: bool = False
) -> ChangeSet:
    """The exact inverse of `plan_add_feature`, refusing on custom changes."""
    from codemods.dependency import Dependency
    from codemods.lockfile import GeneratedFiles, recorded_files, recorded_note
    from pole_position.cli.services.plans.module.drift import detect_drift
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.user_env import user_env_blocks

    project = state.project
    feature = recorded_feature(feature, state.lock)
    recorded = recorded_files(state.lock, feature.section, feature.owner)
    drift = detect_drift(project.root, recorded, feature.folder)
    if drift and not force:
        raise Refused(
            f"{feature.label} has custom changes: {drift.describe()}; nothing removed.",
            "Use --force to remove it anyway.",
        )
    added = [
        r
        for r in recorded_note(
            state.lock, feature.section, feature.owner, ADDED_DEPENDENCIES
        ).split(",")
        if r
    ]
    entry = state.lock.get(feature.section, {}).get(feature.owner, {})
    changes = ChangeSet(project.root)
    changes.unwire(
        [
            *feature.operations,
            *user_env_blocks(project.root, feature.operations),
            *(Dependency(requirement=r) for r in added),
            feature.manifest_entry,
            GeneratedFiles(
                section=feature.section,
                owner=feature.owner,
                files=tuple(sorted(recorded.items())),
                template=str(entry.get("template", "")),
                version=str(entry.get("polepos", "")),
            ),
        ]
    )
    for path in recorded:
        if (project.root / path).is_file() and not path.startswith(
            feature.folder + "/"
        ):
            changes.delete(path)
    if (project.root / feature.folder).is_dir():
        changes.delete_tree(feature.folder)
    return changes
