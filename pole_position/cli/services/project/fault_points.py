"""A test hook that stops a commit at its K-th write step, as a crash would.

Every rename, unlink, mkdir and rmdir a commit makes (journal included) calls
`step()`. With `POLEPOS_FAULT_STEP=K` set, the K-th step of the process does
what `POLEPOS_FAULT_ACTION` says: `exit` (the default) ends the process with
`os._exit` so nothing in-process cleans up, `raise` raises `InjectedFault`, and
`pause` writes the file `POLEPOS_FAULT_READY` names, then sleeps until killed.
`POLEPOS_FAULT_TRACE=FILE` appends every step's label to FILE, so a test can
count the steps of a command and find its commit point.
"""

from __future__ import annotations

import os
import time

_count = 0


class InjectedFault(RuntimeError):
    """The failure `POLEPOS_FAULT_ACTION=raise` injects."""


def reset() -> None:
    """Start counting steps from one again (for a forked test process)."""
    global _count
    _count = 0


def step(label: str) -> None:
    """Count one write step; stop here if the fault hook says so."""
    global _count
    _count += 1
    trace = os.environ.get("POLEPOS_FAULT_TRACE")
    if trace:
        with open(trace, "a", encoding="utf-8") as handle:
            handle.write(f"{_count} {label}\n")
    wanted = os.environ.get("POLEPOS_FAULT_STEP")
    if not wanted or int(wanted) != _count:
        return
    action = os.environ.get("POLEPOS_FAULT_ACTION", "exit")
    if action == "raise":
        raise InjectedFault(f"injected fault at step {_count} ({label})")
    if action == "pause":
        ready = os.environ.get("POLEPOS_FAULT_READY")
        if ready:
            with open(ready, "w", encoding="utf-8") as handle:
                handle.write(label)
        while True:  # until the test's SIGKILL arrives
            time.sleep(60)
    os._exit(99)
