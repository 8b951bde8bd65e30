"""The registry of check codes the wiring checkers emit.

`PP1xx` are core codes (markers), `PP2xx` lifecycle wiring. Codes are stable:
never renumber one, only add. Other kinds register theirs with `register`.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods._core import Finding, Severity


@dataclass(frozen=True)
class Code:
    """One stable check code and what `polepos check` says about it."""

    code: str
    title: str
    severity: Severity
    fixable: bool
    description: str

    def finding(
        self, message: str, hint: str, path: str | None = None, line: int | None = None
    ) -> Finding:
        """A `Finding` of this code."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            hint=hint,
            path=path,
            line=line,
            fixable=self.fixable,
        )


CODES: dict[str, Code] = {}


def register(code: Code) -> Code:
    """Add a code to the registry; re-registering the same code must not change it."""
    existing = CODES.get(code.code)
    if existing is not None and existing != code:
        raise ValueError(f"check code {code.code} is already registered differently")
    CODES[code.code] = code
    return code


MARKER_MISSING = register(
    Code(
        "PP101",
        "marker missing",
        "error",
        False,
        "A managed file lacks the marker comment PolePosition anchors its wiring on.",
    )
)
MARKER_DUPLICATED = register(
    Code(
        "PP102",
        "marker duplicated",
        "error",
        False,
        "A marker comment appears more than once in a file; the tool cannot tell "
        "which one is the managed block.",
    )
)
ROUTER_IMPORT_MISSING = register(
    Code(
        "PP201",
        "router import missing",
        "error",
        True,
        "A recorded module's router is not imported above `# polepos:router-imports`.",
    )
)
ROUTER_INCLUDE_MISSING = register(
    Code(
        "PP202",
        "router include missing",
        "error",
        True,
        "A recorded module's router is not included above `# polepos:router-includes`.",
    )
)
MODEL_IMPORT_MISSING = register(
    Code(
        "PP203",
        "model import missing",
        "error",
        True,
        "A recorded module's model is not imported in `import_models()`, so its "
        "tables are unknown to `Base.metadata` and Alembic.",
    )
)
EXPORT_MISSING = register(
    Code(
        "PP204",
        "export missing",
        "error",
        True,
        "A recorded module or integration is not listed in its package's `__all__`.",
    )
)
SETTINGS_MISSING = register(
    Code(
        "PP205",
        "settings fields missing",
        "error",
        True,
        "Settings fields an integration or auth needs are missing from `Settings`.",
    )
)
WIRING_DUPLICATED = register(
    Code(
        "PP206",
        "duplicated wiring",
        "error",
        True,
        "The same managed wiring line appears more than once in its managed block.",
    )
)
UNMANAGED_SHAPE = register(
    Code(
        "PP207",
        "unmanaged shape",
        "warning",
        False,
        "A module is wired in a shape the tool does not manage (an alias import, a "
        "second include, a line outside the managed block); `remove` refuses to guess.",
    )
)
BLOCK_OUT_OF_ORDER = register(
    Code(
        "PP208",
        "managed block out of order",
        "warning",
        True,
        "The lines of a sorted managed block are not in alphabetical order.",
    )
)
WIRING_ORPHANED = register(
    Code(
        "PP209",
        "orphaned wiring",
        "error",
        True,
        "Wiring references a module that no longer exists in the project.",
    )
)
