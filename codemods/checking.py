"""The check face of the Python kinds: observations and broken markers as findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from codemods import codes
from codemods import python_source as py
from codemods._core import Finding, Observation, Operation, Presence, WiringError


def marker_finding(error: WiringError) -> Finding:
    """The finding a marker error (or any other wiring error) stands for."""
    if isinstance(error, py.MarkerError):
        return error.code.finding(error.message, error.hint, error.path, error.line)
    return codes.UNMANAGED_SHAPE.finding(
        error.message,
        "Restore the marker comment where docs/managed-blocks.md shows it.",
        error.path,
        error.line,
    )


def block_order_findings(
    module: cst.Module, path: str, marker: str, key_of: py.KeyOf, sort_key: py.SortKey
) -> list[Finding]:
    """PP1xx when the marker is broken, PP208 when the block above it is unsorted."""
    try:
        site = py.statement_site(module, marker, path)
    except WiringError as error:
        return [marker_finding(error)]
    entries = py.block_entries(site.suite, site.index, key_of)
    if py.is_sorted([key for _, key in entries], sort_key):
        return []
    return [
        codes.BLOCK_OUT_OF_ORDER.finding(
            f"the block above `{marker}` is not sorted",
            "Run `polepos check --fix` to sort it.",
            path,
            py.line_of(module, site.suite.body[entries[0][0]]),
        )
    ]


def presence_findings(
    observation: Observation,
    *,
    missing: codes.Code,
    what: str,
    path: str,
    fallback_line: int | None,
) -> list[Finding]:
    """The findings for an observation where `apply` is expected to have run."""
    first = observation.lines[0] if observation.lines else fallback_line
    if observation.presence is Presence.PRESENT:
        return []
    if observation.presence is Presence.UNMANAGED:
        return [
            codes.UNMANAGED_SHAPE.finding(
                f"{what} in a shape PolePosition does not manage",
                "Move it into the managed block or keep the wiring entirely by hand.",
                path,
                first,
            )
        ]
    if observation.presence is Presence.DUPLICATED:
        return [
            codes.WIRING_DUPLICATED.finding(
                f"{what} appears more than once (lines "
                + ", ".join(map(str, observation.lines))
                + ")",
                "Run `polepos check --fix` to keep one copy.",
                path,
                first,
            )
        ]
    return [
        missing.finding(
            f"{what} missing", "Run `polepos check --fix` to restore it.", path, first
        )
    ]


def observed_findings(
    operation: Operation[cst.Module],
    document: cst.Module,
    *,
    missing: codes.Code,
    what: str,
    marker: str,
    present: Callable[[cst.Module], bool] | None = None,
) -> list[Finding]:
    """An operation's `check`: its observation as findings; markers too."""
    module = py.as_module(document)
    try:
        # Line numbers need a position pass over the file; a wired module needs none.
        if present is not None and present(module):
            return []
        observation = operation.observe(module)
    except WiringError as error:
        return [marker_finding(error)]
    return presence_findings(
        observation,
        missing=missing,
        what=what,
        path=operation.path,
        fallback_line=py.marker_line(module, marker),
    )


def check_all(
    module: cst.Module, operations: Sequence[Operation[cst.Module]]
) -> list[Finding]:
    """Every operation's findings over one parsed module, from one shared scan."""
    py.scan(module)  # one traversal; every checker below reads the cached facts
    findings: list[Finding] = []
    for operation in operations:
        findings.extend(operation.check(module))
    return findings
