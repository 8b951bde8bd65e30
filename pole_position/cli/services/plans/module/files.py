"""Render a module's files from `template/modules/<template>/` and hash them."""

from __future__ import annotations

from pole_position import __version__
from pole_position.cli.services.catalog.modules import option_flags
from pole_position.cli.services.naming.inflection import module_names
from pole_position.cli.services.plans.adopt.context import settings_context
from pole_position.cli.services.plans.module.request import ModuleRequest
from pole_position.cli.services.plans.template_context import layout_context
from pole_position.cli.services.project.locate import Project


def module_context(project: Project, request: ModuleRequest) -> dict[str, object]:
    """The Jinja2 context of a module template."""
    return {
        "package": project.package,
        "project_name": project.root.name,
        "db": project.db,
        "polepos_version": __version__,
        "template": request.spec.name,
        **module_names(request.name).as_context(),
        **option_flags(request.options),
        **layout_context(project.layout),
        **settings_context(project.root, project.layout),
        "module_package": project.layout.module_package(request.name),
    }


def render_module(project: Project, request: ModuleRequest) -> dict[str, str]:
    """Every file of the module (code and generated tests), by project path."""
    from pole_position.cli.services.render.templates import render_folder

    rendered = render_folder(
        f"modules/{request.spec.name}", module_context(project, request)
    )
    return project.layout.place_all(rendered)


def hashed(files: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """`(path, content hash)` pairs in path order, as the lock records them."""
    from codemods.lockfile import content_hash

    return tuple((path, content_hash(text)) for path, text in sorted(files.items()))
