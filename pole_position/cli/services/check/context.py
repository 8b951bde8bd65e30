"""Everything one check run knows about the project, gathered once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from codemods import Finding
from codemods.layout import Layout
from pole_position.cli.services.check.documents import ProjectFiles

if TYPE_CHECKING:
    from codemods.lockfile import LockData
    from codemods.manifest import Manifest
    from pole_position.cli.services.project.wiring_types import AnyEdit


@dataclass(frozen=True)
class Repair:
    """Operations that fix a finding, applied through one change set."""

    description: str
    operations: tuple[AnyEdit, ...]


@dataclass
class CheckContext:
    """The project under check, its recorded state and its file cache."""

    root: Path
    package: str
    db: str
    manifest: Manifest | None  # None without a manifest
    lock: LockData
    files: ProjectFiles
    findings: list[Finding] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    # Where the wiring lives: the manifest's `[layout]`, else the generated one.
    layout: Layout = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        # `layout` is optional for callers; None means the generated default.
        if cast("object", self.layout) is None:
            self.layout = Layout.default(self.package, self.db)

    @property
    def modules(self) -> dict[str, str]:
        """Recorded modules and their template strings."""
        return dict(self.manifest.modules) if self.manifest is not None else {}

    @property
    def detached(self) -> dict[str, str]:
        """Modules detached with `remove module --wiring-only`."""
        if self.manifest is None:
            return {}
        return dict(self.manifest.detached)

    def report(self, finding: Finding, repair: Repair | None = None) -> None:
        """Record a finding and, when it is fixable, how to repair it."""
        self.findings.append(finding)
        if repair is not None and finding.fixable:
            self.repairs.append(repair)
