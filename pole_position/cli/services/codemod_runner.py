"""Run `python -m libcst.tool codemod` for `polepos codemod`, in polepos's interpreter.

polepos's own environment is the one that has LibCST and `codemods`; a project's
`.venv` has neither. The tool runs from the project root so it finds the project's
`.libcst.codemod.yaml`, and polepos's interpreter folder comes first on PATH so the
configured formatter (`python` with black and isort) is found even when polepos
was installed with `uv tool` or `pipx` and no environment is active.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pole_position.cli.errors import Refused

CONFIG = ".libcst.codemod.yaml"


def codemod_command(command: str, arguments: list[str]) -> list[str]:
    """The command line that runs one codemod with polepos's own interpreter."""
    return [sys.executable, "-m", "libcst.tool", "codemod", command, *arguments]


def codemod_environment() -> dict[str, str]:
    """This environment with polepos's interpreter folder first on PATH."""
    env = dict(os.environ)
    folder = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join([folder, env.get("PATH", "")]).rstrip(os.pathsep)
    return env


def run_codemod(root: Path, command: str, arguments: list[str]) -> int:
    """Run the codemod from the project root and return the tool's exit code."""
    if not (root / CONFIG).is_file():
        raise Refused(
            f"{root / CONFIG} is missing, so libcst.tool would not find the "
            "codemods or the formatter.",
            "Restore it from a freshly generated project (see docs/codemods.md).",
        )
    completed = subprocess.run(
        codemod_command(command, arguments),
        cwd=root,
        env=codemod_environment(),
        check=False,
    )
    # A tool killed by a signal reports -N; a shell reports 128 + N.
    code = completed.returncode
    return code if code >= 0 else 128 - code
