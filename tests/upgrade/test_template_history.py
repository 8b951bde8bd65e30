"""The stored 0.1.0 templates render exactly what the 0.1.0 release generated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pole_position.cli.services.render.templates import render_folder
from pole_position.template_history import (
    BLOBS_DIR,
    blob_id,
    release_files,
    stored_releases,
)
from tests.conftest import OLD_VERSION

# Runs inside the 0.1.0 tree: render every template folder with every input the
# 0.1.0 CLI could give it, using 0.1.0's own context builders.
RENDER_ALL = r"""
import itertools, json, sys
from pole_position.cli.services.template_renderer import render_folder
from pole_position.cli.services.module_catalog import (
    CRUD_OPTIONS, TEMPLATES, option_flags)
from pole_position.cli.services.module_naming import module_names

cases = []
for db in ("sqlite", "postgres", "none"):
    for no_bytecode in (False, True):
        base = {"project_name": "shop-api", "package": "shop_api", "db": db,
                "no_bytecode": no_bytecode, "polepos_version": "0.1.0"}
        cases.append(("project", base))
    feature = {"package": "shop_api", "project_name": "shop-api", "db": db,
               "polepos_version": "0.1.0"}
    for folder in ("auth", "integrations/llm", "integrations/kafka",
                   "integrations/rabbitmq", "integrations/redis", "integrations/rq"):
        cases.append((folder, feature))
    for template in TEMPLATES:
        combos = [()]
        if TEMPLATES[template].options:
            combos = [c for n in range(len(CRUD_OPTIONS) + 1)
                      for c in itertools.combinations(CRUD_OPTIONS, n)]
        for options in combos:
            names = module_names("customers").as_context()
            context = {**feature, "template": template, **names,
                       **option_flags(options)}
            cases.append((f"modules/{template}", context))
rendered = [[folder, context, render_folder(folder, context)]
            for folder, context in cases]
json.dump(rendered, sys.stdout)
"""


@pytest.fixture(scope="module")
def old_renders(old_release_tree: Path) -> list[list[Any]]:
    """Every (folder, context, output) the 0.1.0 code renders."""
    result = subprocess.run(
        [sys.executable, "-c", RENDER_ALL],
        cwd=old_release_tree,
        env={**os.environ, "PYTHONPATH": str(old_release_tree)},
        capture_output=True,
        text=True,
        check=True,
    )
    renders: list[list[Any]] = json.loads(result.stdout)
    return renders


def test_0_1_0_is_stored() -> None:
    assert OLD_VERSION in stored_releases()


def test_blobs_are_content_addressed_and_shared() -> None:
    files = release_files(OLD_VERSION)
    for blob in BLOBS_DIR.iterdir():
        assert blob.name == blob_id(blob.read_bytes())
    # Identical template files (the integrations' shared macros) are stored once.
    assert len(list(BLOBS_DIR.iterdir())) < len(files)


def test_stored_release_renders_like_the_release(old_renders: list[list[Any]]) -> None:
    assert len(old_renders) > 100
    for folder, context, expected in old_renders:
        assert render_folder(folder, context, release=OLD_VERSION) == expected, folder


def test_project_generated_by_0_1_0_matches_the_stored_render(
    old_project: Callable[..., Path],
) -> None:
    root = old_project("shop-api", "--db", "postgres")
    rendered = render_folder(
        "project",
        {
            "project_name": "shop-api",
            "package": "shop_api",
            "db": "postgres",
            "no_bytecode": False,
            "polepos_version": OLD_VERSION,
        },
        release=OLD_VERSION,
    )
    # Files without managed blocks are the render itself, byte for byte.
    managed = {"src/shop_api/api/router.py", "src/shop_api/modules/__init__.py"}
    for path, text in rendered.items():
        if path not in managed:
            assert (root / path).read_text(encoding="utf-8") == text, path
