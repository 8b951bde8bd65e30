"""Run `python -m libcst.tool codemod` for `polepos codemod`, in polepos's interpreter.

polepos's own environment is the one that has LibCST and `codemods`; a project's
`.venv` has neither. The tool runs from the project root so it finds the project's
`.libcst.codemod.yaml`, and polepos's interpreter folder comes first on PATH so the
configured formatter (`python` with black and isort) is found even when polepos
was installed with `uv tool` or `pipx` and no environment is active.

The tool never writes the project itself: it runs on a scratch copy, and what it
changed there is written back through one change set, so `polepos codemod` is
all or nothing and recovered after a crash like every other command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


# Never copied into the scratch project: environments, caches, history, journal.
SKIPPED = (
    ".venv",
    ".git",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
)


def run_codemod(root: Path, command: str, arguments: list[str]) -> int:
    """Run the codemod on a scratch copy and write back what it changed."""
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.journal import JOURNAL

    if not (root / CONFIG).is_file():
        raise Refused(
            f"{root / CONFIG} is missing, so libcst.tool would not find the "
            "codemods or the formatter.",
            "Restore it from a freshly generated project (see docs/codemods.md).",
        )
    with tempfile.TemporaryDirectory(prefix="polepos-codemod-") as folder:
        scratch = Path(folder) / root.name
        shutil.copytree(
            root,
            scratch,
            symlinks=True,
            ignore=shutil.ignore_patterns(*SKIPPED, JOURNAL),
        )
        completed = subprocess.run(
            codemod_command(command, arguments),
            cwd=scratch,
            env=codemod_environment(),
            check=False,
        )
        changes = ChangeSet(root)
        for path, text in _changed_files(root, scratch).items():
            changes.create(path, text)
        changes.commit()
    # A tool killed by a signal reports -N; a shell reports 128 + N.
    code = completed.returncode
    return code if code >= 0 else 128 - code


def _changed_files(root: Path, scratch: Path) -> dict[str, str]:
    """Text files the tool rewrote or created in the scratch copy, by project path."""
    changed: dict[str, str] = {}
    for path in scratch.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(scratch).as_posix()
        if "__pycache__" in relative.split("/"):
            continue
        new = path.read_bytes()
        original = root / relative
        if original.is_file() and original.read_bytes() == new:
            continue
        try:
            changed[relative] = new.decode("utf-8")
        except UnicodeDecodeError:
            continue  # the codemods write text only
    return changed
