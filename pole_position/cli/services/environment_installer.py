"""Create a generated project's environment: uv when present, else venv + pip."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pole_position.cli.errors import Refused


def install_commands(root: Path, *, use_uv: bool | None = None) -> list[list[str]]:
    """The commands that create `.venv` and install the project with its dev extras."""
    uv = shutil.which("uv") if use_uv is not False else None
    python = str(root / ".venv" / "bin" / "python")
    if uv:
        return [
            [uv, "venv", "--quiet", "--python", sys.executable, ".venv"],
            [uv, "pip", "install", "--quiet", "--python", python, "-e", ".[dev]"],
        ]
    return [
        [sys.executable, "-m", "venv", ".venv"],
        [python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        [python, "-m", "pip", "install", "--quiet", "-e", ".[dev]"],
    ]


def install_environment(root: Path) -> None:
    """Run the install commands in the project; refuse when one fails."""
    for command in install_commands(root):
        shown = [Path(command[0]).name, *command[1:]]
        print(f"$ {' '.join(shown)}", flush=True)
        completed = subprocess.run(command, cwd=root, check=False)
        if completed.returncode != 0:
            raise Refused(
                f"installing the environment failed ({Path(command[0]).name} exited "
                f"{completed.returncode}); the project itself was created.",
                "Fix the error above, then run the same command inside the project.",
            )
