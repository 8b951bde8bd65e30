"""Assertions and helpers shared by the safety tests."""

from __future__ import annotations

import os
from pathlib import Path

from pole_position.cli.main import main
from pole_position.cli.services.project import fault_points
from tests.conftest import CACHE_DIRS, Result, tree_digest


def assert_one_line(result: Result, *, codes: tuple[int, ...] = (1, 2)) -> str:
    """The run failed cleanly: an allowed exit code and one specific stderr line."""
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    # The last-resort handler is not what answered: the cause was handled at its layer.
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


def folders(root: Path) -> set[str]:
    """Every folder below `root`, caches aside (tree_digest lists only files)."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_dir() and not set(path.relative_to(root).parts) & CACHE_DIRS
    }


def state(root: Path, random: tuple[str, ...] = ()) -> tuple[dict[str, str], set[str]]:
    """Files with their hashes, and folders: what 'byte-identical' compares."""
    files = {
        path: "random" if path in random else digest
        for path, digest in tree_digest(root).items()
    }
    return files, folders(root)


def run_forked(root: Path, args: tuple[str, ...], env: dict[str, str]) -> int:
    """Run `polepos ARGS` in a forked child with extra environment; its exit code."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.chdir(root)
            os.environ.update(env)
            fault_points.reset()
            code = main(list(args))
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
