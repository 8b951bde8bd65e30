"""Installer progress: plain, deterministic lines off a TTY; live progress on one."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pole_position.cli.services.environment.install import (
    InstallFailed,
    InstallStep,
    install_commands,
    run_steps,
)

HELLO = InstallStep("saying hello", (sys.executable, "-c", "print('hello')"))
WARN = InstallStep(
    "warning", (sys.executable, "-c", "import sys; print('careful', file=sys.stderr)")
)
FAIL = InstallStep("failing", (sys.executable, "-c", "raise SystemExit(3)"))


def test_off_a_tty_each_step_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_steps([HELLO, WARN], tmp_path, terminal=False)
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"[1/2] saying hello: {HELLO.shown}",
        f"[2/2] warning: {WARN.shown}",
    ]
    # The installers' own lines are relayed, in order, to stderr.
    assert captured.err.splitlines() == ["hello", "careful"]


def test_a_failed_step_names_the_retry_command(tmp_path: Path) -> None:
    with pytest.raises(InstallFailed) as failed:
        run_steps([FAIL, HELLO], tmp_path, terminal=False)
    assert failed.value.describe() == f"{Path(sys.executable).name} exited 3"
    assert failed.value.retry == f"{FAIL.shown} && {HELLO.shown}"


def test_quiet_installers_off_a_tty_and_their_own_progress_on_one() -> None:
    quiet = install_commands(use_uv=False, quiet=True)
    loud = install_commands(use_uv=False, quiet=False)
    assert [step.label for step in quiet] == [
        "creating .venv",
        "upgrading pip",
        "installing the project with its dev extras",
    ]
    assert all("--quiet" in step.command for step in quiet[1:])
    assert not any("--quiet" in step.command for step in loud)
    assert loud[-1].shown == ".venv/bin/python -m pip install -e '.[dev]'"


def test_on_a_tty_steps_show_elapsed_time(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from pole_position.cli.services.environment.install import (
            InstallStep, on_terminal, run_steps,
        )
        step = InstallStep("saying hello", (sys.executable, "-c", "print('hello')"))
        run_steps([step, step], Path({str(tmp_path)!r}), terminal=on_terminal())
        """)
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=Path(__file__).resolve().parents[2],
        close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    text = b"".join(chunks).decode().replace("\r\n", "\n")
    lines = text.splitlines()
    assert lines[0].startswith("[1/2] saying hello: ")
    assert lines[1] == "hello"  # the installer writes straight to the terminal
    assert lines[2].startswith("[1/2] done in ")
    assert lines[2].endswith("s")
    assert lines[-1].startswith("[2/2] done in ")
