"""Plan `polepos add integration NAME` and its exact inverse, `remove integration`."""

from __future__ import annotations

from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.plans.feature import (
    Feature,
    plan_add_feature,
    plan_remove_feature,
)
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
    _refuse_unbound_annotations(state.project, name)
    return plan_add_feature(state, integration_feature(state.project, name))


def _refuse_unbound_annotations(project: Project, name: str) -> None:
    """Refuse when the settings file lacks a typing name the fields' types use.

    Generated settings import `Literal`; an adopted project's may not, and the
    field would then fail with NameError when the app starts.
    """
    import ast

    from pole_position.cli.services.catalog.integrations import INTEGRATIONS

    settings = project.layout.settings_file
    needs = {
        typing_name
        for _, annotation, _ in INTEGRATIONS[name].settings_fields
        for typing_name in ("Literal",)
        if f"{typing_name}[" in annotation
    }
    if not needs or settings is None:
        return
    try:
        tree = ast.parse((project.root / settings).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return  # the wiring step reports an unreadable settings file itself
    bound = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module in ("typing", "typing_extensions")
        for alias in node.names
    }
    missing = sorted(needs - bound)
    if missing:
        raise Refused(
            f"integration {name}'s settings use {', '.join(missing)}, which "
            f"{settings} does not import; nothing changed.",
            f"Add 'from typing import {', '.join(missing)}' to {settings}, "
            "then run the command again.",
        )


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
