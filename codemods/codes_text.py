"""Finding codes of the non-Python editors: manifest (PP0xx) and env/dependency (PP3xx).

Kept apart from `codemods/codes.py` (the Python wiring kinds) until the two
registries are merged; the numbers here avoid the ranges that file uses first.
"""

from __future__ import annotations

from dataclasses import dataclass

from codemods._core import Finding, Severity


@dataclass(frozen=True)
class Code:
    """One stable finding code: what it means and whether `check --fix` repairs it."""

    code: str
    severity: Severity
    title: str
    fixable: bool

    def finding(
        self,
        message: str,
        hint: str,
        *,
        path: str | None = None,
        line: int | None = None,
        fixable: bool | None = None,
    ) -> Finding:
        """A `Finding` carrying this code's severity and fixability."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            hint=hint,
            path=path,
            line=line,
            fixable=self.fixable if fixable is None else fixable,
        )


# Identity and manifest (core layer).
MANIFEST_MALFORMED = Code("PP010", "error", "manifest is not valid TOML", False)
MANIFEST_UNKNOWN_DB = Code("PP011", "error", "manifest names an unknown db mode", False)
MANIFEST_UNKNOWN_TEMPLATE = Code(
    "PP012", "error", "manifest names an unknown module template", False
)
MANIFEST_BAD_INTEGRATION = Code(
    "PP013", "error", "manifest integration entry is not a boolean", False
)
MANIFEST_PACKAGE_MISMATCH = Code(
    "PP014", "error", "manifest package differs from the project's package", False
)
MANIFEST_MISSING_KEY = Code(
    "PP015", "error", "manifest lacks a required key or table", False
)
MANIFEST_ENTRY_MISSING = Code(
    "PP016", "error", "manifest lacks an entry the project implies", True
)

# Integrations, env and dependencies (integrations layer).
ENV_KEY_MISSING = Code("PP310", "error", "required env key missing", True)
ENV_KEY_COMMENTED = Code("PP311", "error", "required env key only commented", True)
ENV_KEY_DUPLICATED = Code("PP312", "warning", "env key set more than once", False)
DEPENDENCY_MISSING = Code("PP320", "error", "dependency missing", True)
DEPENDENCY_CONFLICT = Code("PP321", "error", "dependency pin conflicts", False)
DEPENDENCY_TOO_LOOSE = Code(
    "PP322", "warning", "dependency pin is looser than required", False
)
DEPENDENCY_DUPLICATED = Code("PP323", "warning", "dependency listed twice", False)
DEPENDENCIES_UNDECLARED = Code(
    "PP324", "error", "pyproject has no [project].dependencies array", False
)

ALL_CODES: tuple[Code, ...] = (
    MANIFEST_MALFORMED,
    MANIFEST_UNKNOWN_DB,
    MANIFEST_UNKNOWN_TEMPLATE,
    MANIFEST_BAD_INTEGRATION,
    MANIFEST_PACKAGE_MISMATCH,
    MANIFEST_MISSING_KEY,
    MANIFEST_ENTRY_MISSING,
    ENV_KEY_MISSING,
    ENV_KEY_COMMENTED,
    ENV_KEY_DUPLICATED,
    DEPENDENCY_MISSING,
    DEPENDENCY_CONFLICT,
    DEPENDENCY_TOO_LOOSE,
    DEPENDENCY_DUPLICATED,
    DEPENDENCIES_UNDECLARED,
)
