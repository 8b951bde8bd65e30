"""Run Alembic inside a generated project's own environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pole_position.cli.errors import Refused
from pole_position.cli.services.project_locator import Project, locate_project


def alembic_command(root: Path) -> list[str]:
    """Alembic from the project's .venv, else via `uv run`, else this interpreter."""
    venv_python = root / ".venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    if venv_python.exists():
        return [str(venv_python), "-m", "alembic"]
    uv = shutil.which("uv")
    if uv:
        return [uv, "run", "--quiet", "alembic"]
    return [sys.executable, "-m", "alembic"]


def database_project(start: Path | None = None) -> Project:
    """The current project, refusing when it has no database or no Alembic setup."""
    project = locate_project(start)
    if project.db == "none":
        raise Refused(
            "this project was created with --db none, so it has no database.",
            "Create a project with --db sqlite or --db postgres to use 'polepos db'.",
        )
    if not (project.root / "alembic.ini").is_file():
        raise Refused(
            f"{project.root / 'alembic.ini'} is missing.",
            "Restore it (see 'polepos check') before running database commands.",
        )
    return project


def run_alembic(arguments: list[str], start: Path | None = None) -> None:
    """Run `alembic <arguments>` in the project root; refuse if Alembic fails."""
    project = database_project(start)
    command = alembic_command(project.root) + arguments
    try:
        completed = subprocess.run(command, cwd=project.root, check=False)
    except FileNotFoundError:
        raise Refused(
            f"could not run {command[0]}.",
            "Install the project's environment first (polepos start --install, or "
            "python -m venv .venv && .venv/bin/pip install -e '.[dev]').",
        ) from None
    if completed.returncode != 0:
        raise Refused(
            f"alembic {' '.join(arguments)} failed with exit code "
            f"{completed.returncode}; its error is shown above."
        )
