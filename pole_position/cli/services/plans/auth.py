"""Plan `polepos add auth` and its exact inverse `polepos remove auth`.

The workflow is module-shaped (`src/<pkg>/modules/auth/`), so the same router,
model and export codemods that wire every module wire it too, under `/auth`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pole_position.cli.errors import Refused
from pole_position.cli.services.catalog.modules import TemplateSpec
from pole_position.cli.services.plans.feature import (
    Feature,
    plan_add_feature,
    plan_remove_feature,
)

if TYPE_CHECKING:
    # Types only: `check` reads the auth feature without loading the change set.
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.locate import Project
    from pole_position.cli.services.project.state import ProjectState
    from pole_position.cli.services.project.wiring_types import AnyWiring

AUTH_MODULE = "auth"
AUTH_SPEC = TemplateSpec("auth", has_router=True, has_model=True)


def recorded_auth_version(lock: Mapping[str, object]) -> str | None:
    """The polepos version the lock says generated auth, if it says."""
    entry = lock.get("auth", {})
    entry = entry.get(AUTH_MODULE, {}) if isinstance(entry, Mapping) else {}
    version = entry.get("polepos") if isinstance(entry, Mapping) else None
    return version if isinstance(version, str) else None


def auth_feature(project: Project, version: str | None = None) -> Feature:
    """The feature description of the auth workflow, with its wiring as release
    `version` wrote it (None: this release)."""
    from codemods.env import EnvBlock
    from codemods.layout import MARKERS
    from codemods.manifest import ManifestFlag
    from codemods.settings import SettingsFields
    from pole_position.cli.services.catalog.auth import (
        ADOPTED_REQUIREMENTS,
        AUTH_ENV_OPTIONAL,
        AUTH_HEADER,
        AUTH_REQUIREMENTS,
        JWT_ENV_REQUIRED,
        JWT_SETTINGS_FIELDS,
        auth_env_required,
        auth_settings_fields,
    )
    from pole_position.cli.services.plans.feature import settings_file
    from pole_position.cli.services.plans.module.wiring import module_wiring

    operations: list[AnyWiring] = list(
        module_wiring(project.layout, AUTH_MODULE, AUTH_SPEC)
    )
    settings_fields = auth_settings_fields(version)
    env_required = auth_env_required(version)
    requirements = AUTH_REQUIREMENTS
    if not project.layout.is_default:
        settings_fields = JWT_SETTINGS_FIELDS + settings_fields
        env_required = JWT_ENV_REQUIRED + env_required
        requirements = ADOPTED_REQUIREMENTS + requirements
    if settings_fields:
        operations.append(
            SettingsFields(
                path=settings_file(project.layout, "auth"),
                marker=MARKERS.auth_settings,
                fields=settings_fields,
                header=AUTH_HEADER,
            )
        )
    if env_required or AUTH_ENV_OPTIONAL:
        operations.append(
            EnvBlock(
                path=project.layout.env_example,
                marker=MARKERS.auth_env,
                required=env_required,
                optional=AUTH_ENV_OPTIONAL,
                header=AUTH_HEADER,
            )
        )
    return Feature(
        label="auth",
        section="auth",
        owner=AUTH_MODULE,
        template_folder="auth",
        folder=project.layout.module_dir(AUTH_MODULE),
        requirements=tuple(requirements),
        operations=tuple(operations),
        manifest_entry=ManifestFlag(flag="auth", setting=True),
    )


def plan_add_auth(state: ProjectState) -> ChangeSet:
    """The change set that adds auth; refuses without a database or when present."""
    from pole_position.cli.services.plans.adopt.support import (
        refuse_own_auth,
        refuse_without_support,
    )

    project = state.project
    refuse_without_support(project, "auth", "auth")
    if project.db == "none":
        raise Refused(
            "auth stores users in the database, and this project was created with "
            "--db none.",
            "Create the project with --db sqlite or --db postgres to add auth.",
        )
    if state.manifest.auth:
        raise Refused(
            "auth is already in this project; nothing changed.",
            "Remove it first with 'polepos remove auth'.",
        )
    refuse_own_auth(project)
    return plan_add_feature(state, auth_feature(project))


def plan_remove_auth(state: ProjectState, *, force: bool = False) -> ChangeSet:
    """The change set that removes auth; refuses on custom changes."""
    project = state.project
    if (
        not state.manifest.auth
        and not (project.root / project.layout.module_dir(AUTH_MODULE)).is_dir()
    ):
        raise Refused("auth is not in this project.", "Add it with 'polepos add auth'.")
    feature = auth_feature(project, recorded_auth_version(state.lock))
    return plan_remove_feature(state, feature, force=force)
