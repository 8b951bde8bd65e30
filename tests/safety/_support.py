"""Assertions shared by the safety tests."""

from __future__ import annotations

from tests.conftest import Result


def assert_one_line(result: Result, *, codes: tuple[int, ...] = (1, 2)) -> str:
    """The run failed cleanly: an allowed exit code and one specific stderr line."""
    assert result.exit_code in codes, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    # The last-resort handler is not what answered: the cause was handled at its layer.
    assert "internal error" not in lines[0], lines[0]
    return lines[0]
