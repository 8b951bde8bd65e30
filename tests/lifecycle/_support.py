"""Projects the scale tests share: a generated project with N standard modules."""

from __future__ import annotations

from pathlib import Path

from pole_position.cli.services.catalog.modules import TEMPLATES
from pole_position.cli.services.plans.module.add import plan_add_modules
from pole_position.cli.services.plans.module.request import ModuleRequest
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state
from tests.conftest import Runner


def scaled_project(polepos: Runner, parent: Path, modules: int) -> Path:
    """`polepos start shop` in `parent`, then `modules` standard modules at once."""
    parent.mkdir()
    assert polepos("start", "shop", "--no-git", cwd=parent).exit_code == 0
    root = parent / "shop"
    requests = [
        ModuleRequest(name=f"m{index:03d}", spec=TEMPLATES["standard"])
        for index in range(modules)
    ]
    plan_add_modules(load_state(locate_project(root)), requests).commit()
    return root
