"""Everything one check run knows about the project, gathered once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codemods import Finding
from pole_position.cli.services.check.documents import ProjectFiles


@dataclass(frozen=True)
class Repair:
    """Operations that fix a finding, applied through one change set."""

    description: str
    operations: tuple[Any, ...]


@dataclass
class CheckContext:
    """The project under check, its recorded state and its file cache."""

    root: Path
    package: str
    db: str
    manifest: Any | None  # codemods.manifest.Manifest, None without a manifest
    lock: dict[str, dict[str, dict[str, Any]]]
    files: ProjectFiles
    findings: list[Finding] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

    def src(self, *parts: str) -> str:
        """A path below the package folder."""
        return "/".join(("src", self.package, *parts))

    @property
    def modules(self) -> dict[str, str]:
        """Recorded modules and their template strings."""
        return dict(self.manifest.modules) if self.manifest is not None else {}

    @property
    def detached(self) -> dict[str, str]:
        """Modules detached with `remove module --wiring-only`."""
        if self.manifest is None:
            return {}
        return dict(getattr(self.manifest, "detached", {}) or {})

    def report(self, finding: Finding, repair: Repair | None = None) -> None:
        """Record a finding and, when it is fixable, how to repair it."""
        self.findings.append(finding)
        if repair is not None and finding.fixable:
            self.repairs.append(repair)
