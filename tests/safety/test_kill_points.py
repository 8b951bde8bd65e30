"""G4 under crashes: kill a mutating command at every write step, then recover.

Each scenario runs once to completion with `POLEPOS_FAULT_TRACE` to learn its
steps (journal writes, renames, unlinks, mkdirs, rmdirs) and its commit point
(`journal unlink plan.json`). Then, for every step K, a fresh copy of the
project runs the command in a forked child that `os._exit`s at step K (so
nothing in-process cleans up), the next command recovers, and the tree must be
byte-identical, folders included, to the state before the command (K up to
the commit point) or after it (K beyond): never in between, never a stray
temp file. The forked runs skip fsync (it guards against power loss, which a
killed process is not); the real-SIGKILL test keeps it. New mutating commands
get one line in SCENARIOS.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pole_position.cli.services.project.journal import JOURNAL
from tests.conftest import Runner, tree_digest
from tests.safety._support import run_forked, state

PKG = "src/shop_api"
COMMIT_POINT = "journal unlink plan.json"
Prepare = Callable[[Path], None]


def unwire_orders(root: Path) -> None:
    """Findings `check --fix` repairs in one round: an include and an export."""
    router = root / PKG / "api" / "router.py"
    text = router.read_text(encoding="utf-8")
    include = (
        'api_router.include_router(orders_router, prefix="/orders", tags=["orders"])\n'
    )
    assert include in text
    router.write_text(text.replace(include, ""), encoding="utf-8")
    exports = root / PKG / "modules" / "__init__.py"
    text = exports.read_text(encoding="utf-8")
    assert '    "orders",\n' in text
    exports.write_text(text.replace('    "orders",\n', ""), encoding="utf-8")


@dataclass(frozen=True)
class Scenario:
    """One mutating command, what the project holds before it, how to recover."""

    name: str
    command: tuple[str, ...]
    setup: tuple[tuple[str, ...], ...] = ()  # commands that build the project
    prepare: Prepare | None = None  # hand edits after the setup commands
    db: str = "sqlite"
    old_release: bool = False  # start the project with polepos 0.1.0
    # The next command a user runs; it must roll the interrupted change back.
    recover: tuple[str, ...] = ("check", "--fix")
    # Files the command writes with fresh random content (a new secret) on every
    # run: compared by presence, not by bytes.
    random: tuple[str, ...] = ()


CRUD_ORDERS = ("add", "module", "orders", "--template", "crud")
SCENARIOS = [
    Scenario("add-module-standard", ("add", "module", "orders")),
    Scenario("add-module-crud", (*CRUD_ORDERS, "--pagination", "--timestamps")),
    Scenario("add-module-ai-prompt", ("add", "module", "bot", "-t", "ai-prompt")),
    Scenario("add-module-api-only", ("add", "module", "ping", "--api-only"), db="none"),
    Scenario("remove-module-crud", ("remove", "module", "orders"), (CRUD_ORDERS,)),
    Scenario(
        "remove-module-ai-prompt",
        ("remove", "module", "bot"),
        (("add", "module", "bot", "-t", "ai-prompt"),),
    ),
    Scenario(
        "remove-module-wiring-only",
        ("remove", "module", "orders", "--wiring-only"),
        (CRUD_ORDERS,),
    ),
    Scenario(
        "rename-module-crud",
        ("rename", "module", "orders", "purchases"),
        ((*CRUD_ORDERS, "--pagination"), ("add", "field", "orders", "email:str")),
    ),
    Scenario(
        "add-field",
        ("add", "field", "orders", "email:str:unique", "visits:int:optional"),
        (CRUD_ORDERS,),
    ),
    Scenario(
        "remove-field",
        ("remove", "field", "orders", "email"),
        (CRUD_ORDERS, ("add", "field", "orders", "email:str:unique")),
    ),
    Scenario(
        "codemod",
        (
            "codemod",
            "export.AddExport",
            "--name",
            "extra",
            f"{PKG}/modules/__init__.py",
        ),
        # The export names no module: `check --fix` would take it out again.
        recover=("remove", "module", "ghost"),
    ),
    Scenario("add-integration-redis", ("add", "integration", "redis")),
    Scenario(
        "remove-integration-redis",
        ("remove", "integration", "redis"),
        (("add", "integration", "redis"),),
    ),
    Scenario("add-auth", ("add", "auth")),
    Scenario("remove-auth", ("remove", "auth"), (("add", "auth"),)),
    Scenario(
        "upgrade-apply",
        ("upgrade", "--apply"),
        old_release=True,
        recover=("remove", "module", "ghost"),
        random=(".env",),  # a 0.1.0 project gets a .env with its own secret
    ),
    Scenario(
        "check-fix",
        ("check", "--fix"),
        (CRUD_ORDERS,),
        prepare=unwire_orders,
        # `check --fix` would repair again after rolling back: recover with a
        # command that then refuses, so the rolled-back state stays visible.
        recover=("remove", "module", "ghost"),
    ),
]


@pytest.fixture
def base(polepos: Runner, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The scenario's project before its command runs."""
    scenario: Scenario = request.param
    extra = () if scenario.db == "sqlite" else ("--db", scenario.db)
    if scenario.old_release:
        root = request.getfixturevalue("old_project")("shop-api", *extra)
    else:
        assert polepos("start", "shop-api", *extra, cwd=tmp_path).exit_code == 0
        root = tmp_path / "shop-api"
    for command in scenario.setup:
        result = polepos(*command, cwd=root)
        assert result.exit_code == 0, result.stderr
    if scenario.prepare is not None:
        scenario.prepare(root)
    return root


@pytest.mark.parametrize(
    ("base", "scenario"),
    [(s, s) for s in SCENARIOS],
    ids=[s.name for s in SCENARIOS],
    indirect=["base"],
)
def test_a_kill_at_every_write_step_is_rolled_back(
    polepos: Runner, tmp_path: Path, base: Path, scenario: Scenario
) -> None:
    before = state(base, scenario.random)
    finished = tmp_path / "finished"
    shutil.copytree(base, finished, symlinks=True)
    trace = tmp_path / "trace.txt"
    traced = {"POLEPOS_FAULT_TRACE": str(trace)}
    assert run_forked(finished, scenario.command, traced) == 0
    steps = trace.read_text(encoding="utf-8").splitlines()
    labels = [line.split(" ", 1)[1] for line in steps]
    assert labels.count(COMMIT_POINT) == 1, "one commit per scenario"
    commit_point = labels.index(COMMIT_POINT) + 1
    after = state(finished, scenario.random)
    assert after != before, "the command changed nothing"
    assert not (finished / JOURNAL).exists()

    for k in range(1, len(labels) + 1):
        copy = tmp_path / f"k{k}"
        shutil.copytree(base, copy, symlinks=True)
        killed = {"POLEPOS_FAULT_STEP": str(k), "POLEPOS_FAULT_NO_FSYNC": "1"}
        code = run_forked(copy, scenario.command, killed)
        assert code == 99, f"step {k} ({labels[k - 1]}) was not reached"
        polepos(*scenario.recover, cwd=copy)
        expected = before if k <= commit_point else after
        assert (
            state(copy, scenario.random) == expected
        ), f"killed at step {k}: {labels[k - 1]}"
        shutil.rmtree(copy)


def _polepos_process(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pole_position", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_real_sigkill_mid_write_is_rolled_back_by_the_next_add(
    polepos: Runner, tmp_path: Path
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    finished = tmp_path / "finished"
    shutil.copytree(root, finished)
    command = ("add", "module", "orders", "--template", "crud")
    trace = tmp_path / "trace.txt"
    assert run_forked(finished, command, {"POLEPOS_FAULT_TRACE": str(trace)}) == 0
    labels = [line.split(" ", 1)[1] for line in trace.read_text().splitlines()]
    # Pause after the router is rewritten and before the exports are.
    router_step = next(
        i
        for i, label in enumerate(labels, 1)
        if label.startswith("replace") and label.endswith("api/router.py")
    )
    before = state(root)

    ready = tmp_path / "ready"
    process = _polepos_process(
        root,
        *command,
        env={
            "POLEPOS_FAULT_STEP": str(router_step + 1),
            "POLEPOS_FAULT_ACTION": "pause",
            "POLEPOS_FAULT_READY": str(ready),
        },
    )
    for _ in range(6000):
        if ready.exists() or process.poll() is not None:
            break
        time.sleep(0.01)
    assert ready.exists(), process.communicate()
    half_written = state(root)
    assert half_written != before
    assert (root / JOURNAL / "plan.json").exists()
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    check = polepos("check", cwd=root)
    assert check.exit_code == 1
    assert "PP020" in check.stdout
    assert state(root) == half_written, "a plain check must not write"
    again = _polepos_process(root, *command)
    _out, err = again.communicate()
    assert again.returncode == 0, err
    assert err.count("\n") == 1
    assert "rolled back an interrupted change" in err
    assert "polepos add module orders --template crud" in err
    assert state(root) == state(finished)


def test_a_kill_at_every_step_of_start_leaves_no_partial_project(
    polepos: Runner, tmp_path: Path
) -> None:
    """`start` builds beside the target and renames it in: all of a project or none."""
    command = ("start", "shop-api", "--no-git")
    reference = tmp_path / "reference"
    reference.mkdir()
    trace = tmp_path / "trace.txt"
    assert run_forked(reference, command, {"POLEPOS_FAULT_TRACE": str(trace)}) == 0
    labels = [line.split(" ", 1)[1] for line in trace.read_text().splitlines()]
    rename = next(i for i, label in enumerate(labels, 1) if label.startswith("rename"))
    complete = {p for p in tree_digest(reference / "shop-api") if p != ".env"}

    for k in range(1, len(labels) + 1):
        parent = tmp_path / f"k{k}"
        parent.mkdir()
        killed = {"POLEPOS_FAULT_STEP": str(k), "POLEPOS_FAULT_NO_FSYNC": "1"}
        assert run_forked(parent, command, killed) == 99, labels[k - 1]
        project = parent / "shop-api"
        if k <= rename:
            assert not project.exists(), f"killed at step {k}: {labels[k - 1]}"
        else:
            assert {p for p in tree_digest(project) if p != ".env"} == complete
            continue
        # The next start of the same name succeeds and clears what the kill left.
        assert polepos(*command, cwd=parent).exit_code == 0
        assert sorted(p.name for p in parent.iterdir()) == ["shop-api"]
        assert {p for p in tree_digest(project) if p != ".env"} == complete
        shutil.rmtree(parent)
