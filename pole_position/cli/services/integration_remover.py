"""Plan `polepos remove integration NAME`: the exact inverse of adding it."""

from __future__ import annotations

from pole_position.cli.errors import Refused
from pole_position.cli.services.change_set import ChangeSet
from pole_position.cli.services.feature_plans import plan_remove_feature
from pole_position.cli.services.integration_creator import integration_feature
from pole_position.cli.services.project_state import ProjectState


def plan_remove_integration(
    state: ProjectState, name: str, *, force: bool = False
) -> ChangeSet:
    """The change set that removes one integration; refuses on custom changes."""
    project = state.project
    if (
        name not in state.manifest.integrations
        and not (project.root / project.src("integrations", name)).is_dir()
    ):
        raise Refused(
            f"integration {name} is not in this project.",
            "Run 'polepos check' to see the project's integrations.",
        )
    return plan_remove_feature(state, integration_feature(project, name), force=force)
