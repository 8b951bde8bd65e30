"""The shared LLM scaffold: made with the first ai-prompt module, gone with the last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pole_position import __version__
from pole_position.cli.services.project.locate import Project

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring

OWNER = "llm"
SECTION = "shared"
HTTPX = "httpx>=0.27"


def scaffold_files(project: Project) -> dict[str, str]:
    """The scaffold's files (adapters and their tests), by project path."""
    from pole_position.cli.services.plans.feature import feature_context
    from pole_position.cli.services.render.templates import render_folder

    context = {**feature_context(project), "polepos_version": __version__}
    return project.layout.place_all(render_folder("integrations/llm", context))


def scaffold_operations(project: Project, files: dict[str, str]) -> list[AnyWiring]:
    """Settings, env, export and lock operations that go with the scaffold."""
    from codemods.dependency import Dependency
    from codemods.env import EnvBlock
    from codemods.export import integration_export
    from codemods.layout import MARKERS
    from codemods.lockfile import GeneratedFiles
    from codemods.settings import SettingsFields
    from pole_position.cli.services.catalog.llm import (
        LLM_BLOCK_COMMENT,
        LLM_ENV_OPTIONAL,
        LLM_ENV_REQUIRED,
        llm_settings_fields,
    )
    from pole_position.cli.services.plans.feature import settings_file
    from pole_position.cli.services.plans.module.files import hashed

    return [
        SettingsFields(
            path=settings_file(project.layout, "the LLM scaffold"),
            marker=MARKERS.llm_settings,
            fields=llm_settings_fields(adopted=not project.layout.is_default),
            header=LLM_BLOCK_COMMENT,
        ),
        EnvBlock(
            path=project.layout.env_example,
            marker=MARKERS.llm_env,
            required=LLM_ENV_REQUIRED,
            optional=LLM_ENV_OPTIONAL,
            header=LLM_BLOCK_COMMENT,
        ),
        integration_export(project.layout, OWNER),
        # The adapters call providers over HTTP at run time, not only in tests.
        Dependency(requirement=HTTPX),
        GeneratedFiles(
            section=SECTION,
            owner=OWNER,
            files=hashed(files),
            template="ai-prompt",
            version=__version__,
        ),
    ]
