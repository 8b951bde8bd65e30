"""Plan `polepos add auth`: the users workflow (register, token, me) and its wiring.

The workflow is module-shaped (`src/<pkg>/modules/auth/`), so the same router,
model and export codemods that wire every module wire it too, under `/auth`.
"""

from __future__ import annotations

from pole_position.cli.errors import Refused
from pole_position.cli.services.change_set import ChangeSet
from pole_position.cli.services.feature_plans import Feature, plan_add_feature
from pole_position.cli.services.module_catalog import TemplateSpec
from pole_position.cli.services.project_locator import Project
from pole_position.cli.services.project_state import ProjectState

AUTH_MODULE = "auth"
AUTH_SPEC = TemplateSpec("auth", has_router=True, has_model=True)


def auth_feature(project: Project) -> Feature:
    """The feature description of the auth workflow."""
    from codemods.env import EnvBlock
    from codemods.manifest import ManifestFlag
    from codemods.settings import SettingsFields
    from pole_position.cli.services.auth_catalog import (
        AUTH_ENV_OPTIONAL,
        AUTH_ENV_REQUIRED,
        AUTH_HEADER,
        AUTH_REQUIREMENTS,
        AUTH_SETTINGS_FIELDS,
    )
    from pole_position.cli.services.module_wiring import module_wiring

    operations: list[object] = list(
        module_wiring(project.package, AUTH_MODULE, AUTH_SPEC, project.db)
    )
    if AUTH_SETTINGS_FIELDS:
        operations.append(
            SettingsFields(
                path=project.src("settings.py"),
                marker="# polepos:auth-settings",
                fields=AUTH_SETTINGS_FIELDS,
                header=AUTH_HEADER,
            )
        )
    if AUTH_ENV_REQUIRED or AUTH_ENV_OPTIONAL:
        operations.append(
            EnvBlock(
                marker="# polepos:auth-env",
                required=AUTH_ENV_REQUIRED,
                optional=AUTH_ENV_OPTIONAL,
                header=AUTH_HEADER,
            )
        )
    return Feature(
        label="auth",
        section="auth",
        owner=AUTH_MODULE,
        template_folder="auth",
        folder=project.src("modules", AUTH_MODULE),
        requirements=tuple(AUTH_REQUIREMENTS),
        operations=tuple(operations),
        manifest_entry=ManifestFlag(flag="auth", setting=True),
    )


def plan_add_auth(state: ProjectState) -> ChangeSet:
    """The change set that adds auth; refuses without a database or when present."""
    project = state.project
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
    return plan_add_feature(state, auth_feature(project))
