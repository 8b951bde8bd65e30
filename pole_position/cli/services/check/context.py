"""Everything one check run knows about the project, gathered once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from codemods import Finding
from codemods.layout import Layout
from pole_position.cli.services.check.documents import ProjectFiles

if TYPE_CHECKING:
    from codemods.lockfile import LockData
    from codemods.manifest_model import Manifest
    from pole_position.cli.services.check.cache import CheckCache
    from pole_position.cli.services.project.wiring_types import AnyEdit

T = TypeVar("T")


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
    cache: CheckCache | None = None  # None with --no-cache and for --fix
    imports: dict[str, object] = field(default_factory=dict)  # per file, this run
    # A hash of repr(layout) for the cache keys, made once a run (a key is made
    # per file, and the repr is long).
    _layout_key: tuple[object, str] = field(default=(None, ""), repr=False)

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

    def remember(
        self,
        step: str,
        paths: Iterable[str],
        inputs: object,
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
        if self._layout_key[0] is not self.layout:
            from codemods.digest import blake2b_hex

            layout = repr(self.layout).encode()
            digest = blake2b_hex(layout, digest_size=16)
            self._layout_key = (self.layout, digest)
        key = self.cache.key(
            step,
            inputs,
            self._layout_key[1],  # where wiring lives decides what every step expects
            [(p, self.files.digest(p)) for p in files],
        )
        hit = self.cache.get(key)
        if hit is not MISS:
            try:
                kept, found, file_found = cast("list[list[object]]", hit)
                replayed = [Finding.from_dict(f) for f in found]
                replayed_files = [Finding.from_dict(f) for f in file_found]
                self.findings.extend(replayed)
                self.files.findings.extend(replayed_files)
                return cast(T, kept)
            except (TypeError, ValueError, KeyError):
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
