"""Plan `polepos remove auth`: the exact inverse of `polepos add auth`."""

from __future__ import annotations

from pole_position.cli.errors import Refused
from pole_position.cli.services.auth_creator import (
    AUTH_MODULE,
    auth_feature,
    recorded_auth_version,
)
from pole_position.cli.services.change_set import ChangeSet
from pole_position.cli.services.feature_plans import plan_remove_feature
from pole_position.cli.services.project_state import ProjectState


def plan_remove_auth(state: ProjectState, *, force: bool = False) -> ChangeSet:
    """The change set that removes auth; refuses on custom changes."""
    project = state.project
    if (
        not state.manifest.auth
        and not (project.root / project.src("modules", AUTH_MODULE)).is_dir()
    ):
        raise Refused("auth is not in this project.", "Add it with 'polepos add auth'.")
    feature = auth_feature(project, recorded_auth_version(state.lock))
    return plan_remove_feature(state, feature, force=force)
