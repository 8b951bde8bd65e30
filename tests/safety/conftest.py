"""Fixtures for the safety tests: one generated project, copied fresh per test."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from pole_position.cli.main import main
from tests.conftest import Runner, working_copy


@pytest.fixture(scope="session")
def pristine_shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`polepos start shop` plus `polepos add module notes`, made once per session."""
    base = tmp_path_factory.mktemp("pristine")
    here = Path.cwd()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        try:
            os.chdir(base)
            assert main(["start", "shop"]) == 0
            os.chdir(base / "shop")
            assert main(["add", "module", "notes"]) == 0
        finally:
            os.chdir(here)
    return base / "shop"


@pytest.fixture
def shop(pristine_shop: Path, tmp_path: Path, polepos: Runner) -> Path:
    """A fresh copy of the generated project, the CLI's working directory inside it."""
    return working_copy(pristine_shop, tmp_path, polepos)
