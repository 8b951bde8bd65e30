"""Run Alembic inside a generated project's own environment.

The interpreter is chosen in this order: the activated environment
(`VIRTUAL_ENV`) when the project and Alembic are importable there, the
project's `./.venv`, `uv run` when uv is on PATH, and polepos's own
interpreter only when the project's package and Alembic are importable in it.
Otherwise the command refuses with what to run.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pole_position.cli.errors import Refused
from pole_position.cli.services.environment.detect import (
    CREATE_ENVIRONMENT,
    can_import,
    project_environment,
)
from pole_position.cli.services.project.locate import Project, locate_project


def _importable_here(package: str) -> bool:
    return all(
        importlib.util.find_spec(name) is not None for name in ("alembic", package)
    )


def alembic_command(root: Path, package: str) -> list[str]:
    """How to run Alembic for the project, or refuse saying how to create its env."""
    environment = project_environment(root, package, needs=("alembic",))
    if environment is not None:
        # An activated environment was probed already; ./.venv may be empty.
        if not environment.activated and not can_import(
            environment.python, ["alembic"], root
        ):
            raise Refused(
                ".venv has no Alembic: the project is not installed in it.",
                f"Install it in {root.name}: .venv/bin/pip install -e '.[dev]'",
            )
        return [str(environment.python), "-m", "alembic"]
    uv = shutil.which("uv")
    if uv:
        return [uv, "run", "--quiet", "alembic"]
    if _importable_here(package):
        return [sys.executable, "-m", "alembic"]
    raise Refused(
        f"no environment for {package} with Alembic found (no activated "
        "environment holding them, no .venv, no uv on PATH).",
        f"Create it in {root.name}: {CREATE_ENVIRONMENT} "
        "(new projects: polepos start NAME --install).",
    )


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


def _run(
    project: Project, command: list[str], arguments: list[str], *, capture: bool
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command + arguments,
            cwd=project.root,
            check=False,
            text=True,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.PIPE if capture else None,
        )
    except OSError:
        raise Refused(
            f"could not run {Path(command[0]).name}.",
            f"Create the project's environment: {CREATE_ENVIRONMENT}",
        ) from None


def _failed(arguments: list[str], code: int) -> Refused:
    return Refused(
        f"alembic {' '.join(arguments)} failed with exit code {code}; "
        "its error is shown above."
    )


def run_alembic(arguments: list[str], start: Path | None = None) -> None:
    """Run `alembic <arguments>` in the project root; refuse if Alembic fails."""
    project = database_project(start)
    command = alembic_command(project.root, project.package)
    completed = _run(project, command, arguments, capture=False)
    if completed.returncode != 0:
        raise _failed(arguments, completed.returncode)


def capture_alembic(
    arguments_list: list[list[str]], start: Path | None = None
) -> list[str]:
    """Run several Alembic commands and return their stdout; refuse on a failure."""
    project = database_project(start)
    command = alembic_command(project.root, project.package)
    runs = []
    for arguments in arguments_list:
        completed = _run(project, command, arguments, capture=True)
        if completed.returncode != 0:
            # Alembic's own log lines are noise on success, the diagnosis on failure.
            sys.stderr.write(completed.stdout + completed.stderr)
            raise _failed(arguments, completed.returncode)
        runs.append(completed.stdout)
    return runs


_REVISION = re.compile(r"^\s*([0-9A-Za-z_]+)\b")
_HISTORY_TARGET = re.compile(r"->\s*([0-9A-Za-z_]+)")


def _first_tokens(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        match = _REVISION.match(line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def migration_status(start: Path | None = None) -> list[str]:
    """Labelled lines: the current revision, the head, and how far behind it is."""
    current_out, heads_out, history_out = capture_alembic(
        [["current"], ["heads"], ["history", "-r", "current:heads"]], start
    )
    current = _first_tokens(current_out)
    heads = _first_tokens(heads_out)
    pending = [
        revision
        for revision in dict.fromkeys(_HISTORY_TARGET.findall(history_out))
        if revision not in current
    ]
    lines = [
        f"current: {', '.join(current) if current else '(base)'}",
        f"head:    {', '.join(heads) if heads else '(no migrations yet)'}",
    ]
    if not pending:
        lines.append("up to date")
    else:
        plural = "s" * (len(pending) != 1)
        lines.append(
            f"{len(pending)} revision{plural} behind: run 'polepos db upgrade'"
        )
    return lines
