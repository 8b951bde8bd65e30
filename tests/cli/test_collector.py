"""One command configures the garbage collector so big projects pay no full pass."""

from __future__ import annotations

import gc

import pytest

from pole_position.cli import main as cli_main


def test_run_makes_full_collections_rare_but_keeps_young_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A full pass walks every live object (LibCST's classes, a parsed
    # 200-module router): a rename there paid one; young passes still run.
    before = gc.get_threshold()
    monkeypatch.setattr(cli_main, "main", lambda: 0)
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli_main.run()
        young, middle, full = gc.get_threshold()
    finally:
        gc.set_threshold(*before)
    assert exit_info.value.code == 0
    assert gc.isenabled()
    assert young > before[0]
    assert full > before[2]
    assert middle > 0
