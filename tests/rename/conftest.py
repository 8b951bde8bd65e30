"""Fixtures for the rename tests: one project holding a module of every shape."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from pole_position.cli.main import main
from tests.conftest import Runner, working_copy

# Module name -> how it was made; `orders` then gains two fields and `archives`
# is detached (`remove module --wiring-only`).
SHAPES = {
    "notes": ("add", "module", "notes"),
    "customers": (
        "add",
        "module",
        "customers",
        "--template",
        "crud",
        "--pagination",
        "--timestamps",
        "--soft-delete",
        "--tenant-scoped",
        "--auth-required",
    ),
    "orders": ("add", "module", "orders", "--template", "crud"),
    "assistants": ("add", "module", "assistants", "--template", "ai-prompt"),
    "health_checks": ("add", "module", "health_checks", "--api-only"),
    "invoices": ("add", "module", "invoices", "--service-only"),
    "archives": ("add", "module", "archives"),
}


@pytest.fixture(scope="session")
def _pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`polepos start shop` plus one module per shape, made once per session."""
    base = tmp_path_factory.mktemp("pristine")
    here = Path.cwd()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            os.chdir(base)
            assert main(["start", "shop", "--no-git"]) == 0
            os.chdir(base / "shop")
            for command in SHAPES.values():
                assert main([*command, "--no-install"]) == 0, command
            assert main(["add", "field", "orders", "email:str:unique"]) == 0
            assert main(["add", "field", "orders", "visits:int:optional"]) == 0
            assert main(["remove", "module", "archives", "--wiring-only"]) == 0
        finally:
            os.chdir(here)
    return base / "shop"


@pytest.fixture
def shop(_pristine: Path, tmp_path: Path, polepos: Runner) -> Path:
    """A fresh copy of the project, the CLI's working directory inside it."""
    return working_copy(_pristine, tmp_path, polepos)
