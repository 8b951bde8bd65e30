"""Plan `polepos add integration NAME` and its exact inverse, `remove integration`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.plans.feature import (
    Feature,
    plan_add_feature,
    plan_remove_feature,
)

if TYPE_CHECKING:
    # Types only: `check` reads integrations without loading the change set.
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.locate import Project
    from pole_position.cli.services.project.state import ProjectState


def parse_integration_name(raw: str) -> str:
    """A known integration name (case-insensitive), or exit 2 listing them."""
    from pole_position.cli.services.catalog.integrations import INTEGRATIONS
    from pole_position.cli.services.naming.validation import did_you_mean

    name = raw.strip().lower()
    if name not in INTEGRATIONS:
        raise InvalidInput(
            f"unknown integration {raw!r}.",
            did_you_mean(name, INTEGRATIONS)
            + f"Choose one of: {', '.join(sorted(INTEGRATIONS))}.",
        )
    return name


def integration_feature(project: Project, name: str) -> Feature:
    """The feature description of one integration."""
    from codemods.env import EnvBlock
    from codemods.export import integration_export
    from codemods.layout import MARKERS
    from codemods.manifest import ManifestIntegration
    from codemods.settings import SettingsFields
    from pole_position.cli.services.catalog.integrations import INTEGRATIONS
    from pole_position.cli.services.plans.feature import settings_file

    layout = project.layout
    spec = INTEGRATIONS[name].for_package(project.package)
    operations = (
        SettingsFields(
            path=settings_file(layout, f"integration {name}"),
            marker=MARKERS.integration_settings,
            fields=spec.settings_fields,
            header=spec.header,
        ),
        EnvBlock(
            path=layout.env_example,
            marker=MARKERS.integration_env,
            required=spec.env_required,
            optional=spec.env_optional,
            header=spec.header,
        ),
        integration_export(layout, name),
    )
    return Feature(
        label=f"integration {name}",
        section="integrations",
        owner=name,
        template_folder=f"integrations/{name}",
        folder=layout.integration_dir(name),
        requirements=(spec.requirement,),
        operations=operations,
        manifest_entry=ManifestIntegration(name=name),
    )


def plan_add_integration(state: ProjectState, name: str) -> ChangeSet:
    """The change set that adds one integration; refuses when it exists."""
    if name in state.manifest.integrations:
        raise Refused(
            f"integration {name} is already in this project; nothing changed.",
            f"Remove it first with 'polepos remove integration {name}'.",
        )
    return plan_add_feature(state, integration_feature(state.project, name))


def plan_remove_integration(
    state: ProjectState, name: str, *, force: bool = False
) -> ChangeSet:
    """The change set that removes one integration; refuses on custom changes."""
    project = state.project
    if (
        name not in state.manifest.integrations
        and not (project.root / project.layout.integration_dir(name)).is_dir()
    ):
        raise Refused(
            f"integration {name} is not in this project.",
            "Run 'polepos check' to see the project's integrations.",
        )
    return plan_remove_feature(state, integration_feature(project, name), force=force)
