"""Find a generated project's own environment: the activated one, else `./.venv`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# The one line that creates a project's environment, for messages and next steps.
CREATE_ENVIRONMENT = "python -m venv .venv && .venv/bin/pip install -e '.[dev]'"

# Finds modules without importing them (fast, no side effects).
_PROBE = (
    "import importlib.util as u, sys; "
    "sys.exit(0 if all(u.find_spec(m) for m in sys.argv[1:]) else 1)"
)


def env_python(env: Path) -> Path:
    """The interpreter of a virtual environment."""
    return env / ("Scripts" if os.name == "nt" else "bin") / "python"


def can_import(python: Path, modules: Sequence[str], cwd: Path) -> bool:
    """Whether `python` finds every module in `modules`."""
    try:
        completed = subprocess.run(
            [str(python), "-c", _PROBE, *modules],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return completed.returncode == 0


@dataclass(frozen=True)
class Environment:
    """A virtual environment the project runs in."""

    path: Path
    activated: bool  # found through VIRTUAL_ENV rather than ./.venv

    @property
    def python(self) -> Path:
        """Its interpreter."""
        return env_python(self.path)

    def describe(self) -> str:
        """`.venv`, or the activated environment's path."""
        return str(self.path) if self.activated else ".venv"

    def shown_python(self) -> str:
        """The interpreter as a user would type it from the project root."""
        if self.activated:
            return str(self.python)
        return env_python(Path(".venv")).as_posix()


def activated_environment() -> Path | None:
    """The environment `VIRTUAL_ENV` names, when it holds an interpreter."""
    value = os.environ.get("VIRTUAL_ENV", "").strip()
    if not value:
        return None
    path = Path(value)
    return path if env_python(path).exists() else None


def project_environment(
    root: Path, package: str, *, needs: Sequence[str] = ()
) -> Environment | None:
    """The activated environment if the project is installed there, else `./.venv`.

    An activated environment counts only when the project's package (and every
    module in `needs`) can be found there: an unrelated environment left active
    from other work must never receive this project's dependencies.
    """
    venv = root / ".venv"
    active = activated_environment()
    if active is not None:
        if venv.exists() and active.resolve() == venv.resolve():
            return Environment(venv, activated=False)
        if can_import(env_python(active), [package, *needs], root):
            return Environment(active, activated=True)
    if env_python(venv).exists():
        return Environment(venv, activated=False)
    return None
