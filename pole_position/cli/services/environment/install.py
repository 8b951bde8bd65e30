"""Create a generated project's environment: uv when present, else venv + pip.

Every installer run shows progress. On a terminal each step gets a header, the
installer's own progress (uv's bars, pip's lines) goes straight to the terminal,
and the step ends with its elapsed time. Off a terminal the output is plain and
deterministic: one line per step, the installers run quietly, and whatever they
still print (warnings, errors) is relayed line by line to stderr.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pole_position.cli import output
from pole_position.cli.errors import Refused


@dataclass(frozen=True)
class InstallStep:
    """One installer command and what it does, for the progress line."""

    label: str
    command: tuple[str, ...]

    @property
    def shown(self) -> str:
        """The command as a shell line: the program's name, not its full path."""
        program = self.command[0]
        if Path(program).is_absolute():
            program = Path(program).name
        return shlex.join([program, *self.command[1:]])


class InstallFailed(Exception):
    """An install step exited non-zero (or could not start)."""

    def __init__(
        self, step: InstallStep, code: int | None, remaining: list[InstallStep]
    ) -> None:
        super().__init__(step.shown)
        self.step = step
        self.code = code
        self.remaining = remaining

    @property
    def retry(self) -> str:
        """The failed step and the ones after it, as one shell line."""
        return " && ".join(step.shown for step in [self.step, *self.remaining])

    def describe(self) -> str:
        """`pip exited 1`, or that the program could not be started."""
        program = Path(self.step.command[0]).name
        if self.code is None:
            return f"{program} could not be started"
        return f"{program} exited {self.code}"


def on_terminal() -> bool:
    """Whether progress may be interactive (stdout is a TTY)."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


def install_commands(
    *, use_uv: bool | None = None, quiet: bool = True
) -> list[InstallStep]:
    """The steps that create `.venv` and install the project with its dev extras."""
    uv = shutil.which("uv") if use_uv is not False else None
    # Relative: the steps run in the project, and the hint can show them as typed.
    python = ".venv/bin/python"
    flag = ("--quiet",) if quiet else ()
    if uv:
        return [
            InstallStep(
                "creating .venv",
                (uv, "venv", *flag, "--python", sys.executable, ".venv"),
            ),
            InstallStep(
                "installing the project with its dev extras",
                (uv, "pip", "install", *flag, "--python", python, "-e", ".[dev]"),
            ),
        ]
    return [
        InstallStep("creating .venv", (sys.executable, "-m", "venv", ".venv")),
        InstallStep(
            "upgrading pip",
            (python, "-m", "pip", "install", *flag, "--upgrade", "pip"),
        ),
        InstallStep(
            "installing the project with its dev extras",
            (python, "-m", "pip", "install", *flag, "-e", ".[dev]"),
        ),
    ]


def _run_on_terminal(step: InstallStep, cwd: Path) -> int:
    return subprocess.run(step.command, cwd=cwd, check=False).returncode


def _run_plain(step: InstallStep, cwd: Path) -> int:
    with subprocess.Popen(
        step.command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line.rstrip("\n"), file=sys.stderr, flush=True)
        return process.wait()


def run_steps(steps: list[InstallStep], cwd: Path, *, terminal: bool) -> None:
    """Run each step with visible progress; raise `InstallFailed` on a failure."""
    total = len(steps)
    for number, step in enumerate(steps, start=1):
        counter = f"[{number}/{total}]" if total > 1 else "-"
        output.info(f"{counter} {step.label}: {step.shown}")
        sys.stdout.flush()
        started = time.monotonic()
        try:
            code = (_run_on_terminal if terminal else _run_plain)(step, cwd)
        except OSError:
            raise InstallFailed(step, None, steps[number:]) from None
        if code != 0:
            raise InstallFailed(step, code, steps[number:])
        if terminal:
            output.info(f"{counter} done in {time.monotonic() - started:.1f}s")


def install_environment(root: Path) -> None:
    """Create `.venv` in the project and install it; refuse when a step fails."""
    terminal = on_terminal()
    try:
        run_steps(install_commands(quiet=not terminal), root, terminal=terminal)
    except InstallFailed as failure:
        raise Refused(
            f"installing the environment failed ({failure.describe()}); the project "
            "itself was created.",
            f"Fix the error above, then run inside the project: {failure.retry}",
        ) from None
