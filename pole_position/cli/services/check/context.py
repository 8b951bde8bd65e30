"""Everything one check run knows about the project, gathered once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from codemods._core import Finding
from pole_position.cli.services.check.documents import ProjectFiles

T = TypeVar("T")


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
    cache: Any | None = None  # a CheckCache; None with --no-cache and for --fix
    imports: dict[str, Any] = field(default_factory=dict)  # per file, this run

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

    def remember(
        self,
        step: str,
        paths: Iterable[str],
        inputs: Any,
        compute: Callable[[], T],
    ) -> T:
        """`compute()`, or what it returned and reported when these inputs last met.

        `paths` are every file `compute` reads and `inputs` everything else it
        depends on (JSON-able): the cache key holds both, with each file's
        content hash, so a result is reused only for the same bytes. The
        findings `compute` reports are replayed on a hit; repairs are not
        (only `--fix` needs them, and it runs without the cache). The value
        must survive a JSON round trip (lists, not tuples or sets).
        """
        if self.cache is None:
            return compute()
        from pole_position.cli.services.check.cache import MISS

        files = sorted(set(paths))
        key = self.cache.key(step, inputs, [(p, self.files.digest(p)) for p in files])
        hit = self.cache.get(key)
        if hit is not MISS:
            try:
                value, found, file_found = hit
                replayed = [Finding(**f) for f in found]
                replayed_files = [Finding(**f) for f in file_found]
                self.findings.extend(replayed)
                self.files.findings.extend(replayed_files)
                return value  # type: ignore[no-any-return]
            except (TypeError, ValueError):
                pass  # a damaged entry: compute it again
        before, files_before = len(self.findings), len(self.files.findings)
        value = compute()
        self.cache.put(
            key,
            [
                value,
                [f.as_dict() for f in self.findings[before:]],
                [f.as_dict() for f in self.files.findings[files_before:]],
            ],
        )
        return value

    def report(self, finding: Finding, repair: Repair | None = None) -> None:
        """Record a finding and, when it is fixable, how to repair it."""
        self.findings.append(finding)
        if repair is not None and finding.fixable:
            self.repairs.append(repair)


class Inverted:
    """An operation whose `apply` is another operation's inverse (for repairs)."""

    def __init__(self, operation: Any) -> None:
        self.operation = operation
        self.format = operation.format
        self.path = operation.path

    def apply(self, document: Any) -> Any:
        """Run the wrapped operation's inverse."""
        return self.operation.invert(document)

    def invert(self, document: Any) -> Any:
        """Run the wrapped operation's apply."""
        return self.operation.apply(document)


class Rewrite:
    """A repair that maps a whole document to a new one (re-sorting a block)."""

    def __init__(self, path: str, document_format: Any, function: Any) -> None:
        self.path = path
        self.format = document_format
        self.function = function

    def apply(self, document: Any) -> Any:
        """Apply the rewrite."""
        return self.function(document)

    def invert(self, document: Any) -> Any:
        """Rewrites have no inverse; they are only ever applied by `--fix`."""
        return document
