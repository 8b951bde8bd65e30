"""Keep the project's environment in step with `pyproject.toml` after add/remove.

When a committed change alters `[project].dependencies`, the project's
environment (the activated one when the project is installed there, else
`./.venv`) gets `uv pip install -e .` (uv on PATH) or `python -m pip install -e .`.
Without an environment, or with `--no-install`, the output names the command
to run instead. A failed install never undoes the committed change: it is
reported with the command to retry, and the command exits 1.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from pole_position.cli import output

# Finding and running an environment (subprocess, shlex, shutil) is imported only
# when a change touched the dependencies: most add/remove commands do not.
if TYPE_CHECKING:
    from pathlib import Path

    from pole_position.cli.services.environment.detect import Environment
    from pole_position.cli.services.environment.install import InstallStep
    from pole_position.cli.services.project.change_set import FileChange

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class DependencyDelta(NamedTuple):
    """Requirements a change added to and removed from `[project].dependencies`."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


def _dependencies(text: str | None) -> list[str]:
    if text is None:
        return []
    import tomllib  # only when a change touched pyproject.toml

    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return []
    dependencies = project.get("dependencies", []) if isinstance(project, dict) else []
    return (
        [str(item) for item in dependencies] if isinstance(dependencies, list) else []
    )


def dependency_delta(committed: list[FileChange]) -> DependencyDelta:
    """What the committed changes did to `pyproject.toml`'s dependencies."""
    for change in committed:
        if change.path == "pyproject.toml":
            old, new = _dependencies(change.old), _dependencies(change.new)
            return DependencyDelta(
                added=tuple(r for r in new if r not in old),
                removed=tuple(r for r in old if r not in new),
            )
    return DependencyDelta()


def sync_step(environment: Environment, *, quiet: bool) -> InstallStep:
    """`uv pip install -e .` into the environment when uv is on PATH, else pip."""
    import shutil

    from pole_position.cli.services.environment.install import InstallStep

    uv = shutil.which("uv")
    python = environment.shown_python()
    flag = ("--quiet",) if quiet else ()
    if uv:
        command: tuple[str, ...] = (
            uv,
            "pip",
            "install",
            *flag,
            "--python",
            python,
            "-e",
            ".",
        )
    else:
        command = (python, "-m", "pip", "install", *flag, "-e", ".")
    return InstallStep(
        f"installing the dependencies into {environment.describe()}", command
    )


def _names(requirements: tuple[str, ...]) -> list[str]:
    names = []
    for requirement in requirements:
        match = _NAME.match(requirement.strip())
        if match:
            names.append(match.group(0))
    return names


def sync_environment(root: Path, committed: list[FileChange], *, install: bool) -> None:
    """Install what the change added, or say what to run; `Refused` on failure."""
    delta = dependency_delta(committed)
    if not delta:
        return
    import shlex
    import shutil

    from pole_position.cli.errors import Refused
    from pole_position.cli.services.environment.detect import (
        CREATE_ENVIRONMENT,
        project_environment,
    )
    from pole_position.cli.services.environment.install import (
        InstallFailed,
        on_terminal,
        run_steps,
    )
    from pole_position.cli.services.project.locate import locate_project

    environment = project_environment(root, locate_project(root).package)
    if not delta.added and (environment is None or not install):
        return  # nothing is missing; what was removed may stay installed
    if delta.added:
        output.info(f"New dependencies: {', '.join(delta.added)}")
    if environment is None:
        output.info(
            "This project has no environment yet; to create it with everything "
            f"installed, run in {root.name}: {CREATE_ENVIRONMENT}"
        )
        return
    if not install:
        step = sync_step(environment, quiet=True)
        output.info(f"Not installed (--no-install). To install them: {step.shown}")
        return
    terminal = on_terminal()
    step = sync_step(environment, quiet=not terminal)
    try:
        run_steps([step], root, terminal=terminal)
    except InstallFailed as failure:
        raise Refused(
            f"the change was made, but installing its dependencies into "
            f"{environment.describe()} failed ({failure.describe()}).",
            f"Fix the error above, then retry in the project: {failure.retry}",
        ) from None
    output.success(f"Environment {environment.describe()} is up to date.")
    removed = _names(delta.removed)
    if removed:
        python = environment.shown_python()
        words = (
            ["uv", "pip", "uninstall", "--python", python]
            if shutil.which("uv")
            else [python, "-m", "pip", "uninstall"]
        )
        uninstall = shlex.join([*words, *removed])
        output.info(
            f"{', '.join(removed)} stay{'s' * (len(removed) == 1)} installed in "
            f"{environment.describe()}; if nothing else needs "
            f"{'it' if len(removed) == 1 else 'them'}: {uninstall}"
        )
