"""The result of `polepos check`: findings in a stable order, as text or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from codemods import Finding
from pole_position.cli.output import strip_location

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import JSONObject


def finding_order(finding: Finding) -> tuple[str, int, str, str]:
    """Deterministic order: file, line, code, message."""
    return (finding.path or "", finding.line or 0, finding.code, finding.message)


@dataclass
class CheckReport:
    """What a check (or a fix) found and changed."""

    project_root: str | None
    package: str | None
    issues: list[Finding] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    parses: dict[str, int] = field(default_factory=dict)
    # Files the text readers parsed with `ast` instead of LibCST (once each).
    text_parses: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.issues = sorted(set(self.issues), key=finding_order)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.issues if f.severity == "error"]

    @property
    def passed(self) -> bool:
        """True when no error remains (warnings do not fail a check)."""
        return not self.errors

    def as_json(self) -> str:
        """The JSON document `check --format json` prints (docs/checks.md)."""
        import json  # on use: a text report never needs it

        data: JSONObject = {
            "passed": self.passed,
            "project_root": self.project_root,
            "package": self.package,
            "issues": [finding.as_dict() for finding in self.issues],
            "fixed": list(self.fixed),
        }
        return json.dumps(data, indent=2)

    def as_text(self, paint: Callable[[str, str], str] | None = None) -> str:
        """Human-readable lines: one finding per line plus its hint, then a summary.

        `paint(line, severity)` may colour each finding's line (see `cli.output`).
        """
        lines: list[str] = [f"fixed: {item}" for item in self.fixed]
        for finding in self.issues:
            where = finding.path or "."
            if finding.line:
                where += f":{finding.line}"
            tag = " (fixable)" if finding.fixable else ""
            message = strip_location(finding.path, finding.line, finding.message)
            line = f"{where}: {finding.code} {finding.severity}: {message}{tag}"
            lines.append(paint(line, finding.severity) if paint else line)
            if finding.hint:
                lines.append(f"    hint: {finding.hint}")
        warnings = len(self.issues) - len(self.errors)
        fixable = sum(1 for f in self.issues if f.fixable)
        if self.passed:
            summary = "check passed"
            if warnings:
                summary += f" with {warnings} warning{'s' * (warnings != 1)}"
        else:
            summary = (
                f"check failed: {len(self.errors)} error"
                f"{'s' * (len(self.errors) != 1)}, {warnings} warning"
                f"{'s' * (warnings != 1)}"
            )
        if fixable:
            summary += f" ({fixable} fixable: run 'polepos check --fix')"
        lines.append(summary)
        return "\n".join(lines)
