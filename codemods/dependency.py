"""`pyproject.toml` dependencies: the contract-aware `Dependency` operation.

An existing entry for the same distribution (same PEP 508 marker) is judged
against the requirement with `packaging`: when every version it allows is one
the requirement allows, and it carries at least the required extras, it is kept
and apply does nothing. When no version satisfies both, the pin conflicts; when
some do but it also allows others (a lower minimum, missing extras), it is too
loose. Either way apply refuses with a `WiringError`: a user's pin is never
silently replaced or shadowed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, ClassVar

import tomlkit
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version
from tomlkit.items import Array, Whitespace
from tomlkit.toml_document import TOMLDocument

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods.toml_source import (
    TOML_FORMAT,
    TomlFormat,
    copy_document,
    line_of_key,
    newline_of,
)

PYPROJECT_PATH = "pyproject.toml"


class Verdict(enum.Enum):
    """How the project's existing entries relate to a requirement."""

    MISSING = "missing"
    SATISFIED = "satisfied"
    TOO_LOOSE = "too-loose"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class _Bound:
    version: Version
    inclusive: bool


@dataclass(frozen=True)
class _Interval:
    """The versions a specifier set allows, as one interval (`!=` is ignored)."""

    low: _Bound | None = None
    high: _Bound | None = None

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        if self.low.version != self.high.version:
            return self.low.version > self.high.version
        return not (self.low.inclusive and self.high.inclusive)

    def intersect(self, other: _Interval) -> _Interval:
        return _Interval(
            _tighter(self.low, other.low, lower=True),
            _tighter(self.high, other.high, lower=False),
        )

    def within(self, other: _Interval) -> bool:
        """Every version of `self` is in `other`."""
        return (
            _tighter(self.low, other.low, lower=True) == self.low
            and _tighter(self.high, other.high, lower=False) == self.high
        )


def _tighter(a: _Bound | None, b: _Bound | None, *, lower: bool) -> _Bound | None:
    if a is None:
        return b
    if b is None:
        return a
    if a.version != b.version:
        return max(a, b, key=_key) if lower else min(a, b, key=_key)
    # Same version: the exclusive bound is the tighter one.
    return a if not a.inclusive else b


def _key(bound: _Bound) -> Version:
    return bound.version


def _bump(release: tuple[int, ...]) -> Version:
    """The first version after every version starting with `release`."""
    return Version(".".join(str(part) for part in (*release[:-1], release[-1] + 1)))


def interval_of(specifiers: SpecifierSet) -> _Interval:
    """Approximate a specifier set by the interval of versions it allows."""
    interval = _Interval()
    for spec in specifiers:
        operator, text = spec.operator, spec.version
        try:
            if operator == "==" and text.endswith(".*"):
                release = Version(text[:-2]).release
                part = _Interval(
                    _Bound(Version(text[:-2]), True), _Bound(_bump(release), False)
                )
            elif operator in ("==", "==="):
                version = Version(text)
                part = _Interval(_Bound(version, True), _Bound(version, True))
            elif operator == "~=":
                version = Version(text)
                part = _Interval(
                    _Bound(version, True), _Bound(_bump(version.release[:-1]), False)
                )
            elif operator in (">=", ">"):
                part = _Interval(low=_Bound(Version(text), operator == ">="))
            elif operator in ("<=", "<"):
                part = _Interval(high=_Bound(Version(text), operator == "<="))
            else:
                continue
        except InvalidVersion:
            continue
        interval = interval.intersect(part)
    return interval


def compare(existing: Requirement, needed: Requirement) -> Verdict:
    """Whether `existing` satisfies, is too loose for or conflicts with `needed`."""
    if existing.url is not None or needed.url is not None:
        # A direct reference is the user's explicit choice of artefact; honour it.
        return Verdict.SATISFIED
    mine = interval_of(existing.specifier)
    wanted = interval_of(needed.specifier)
    if mine.is_empty() or mine.intersect(wanted).is_empty():
        return Verdict.CONFLICT
    have = {canonicalize_name(extra) for extra in existing.extras}
    want = {canonicalize_name(extra) for extra in needed.extras}
    if not want <= have or not mine.within(wanted):
        return Verdict.TOO_LOOSE
    return Verdict.SATISFIED


@dataclass(frozen=True)
class Assessment:
    """The verdict for one requirement, with the existing entries it rests on."""

    verdict: Verdict
    entries: tuple[str, ...] = ()


def dependencies_array(document: TOMLDocument, path: str = PYPROJECT_PATH) -> Array:
    """`[project].dependencies`, or a `WiringError` saying what is missing."""
    project = document.get("project")
    if project is None or not hasattr(project, "get"):
        raise WiringError(f"{path}: no [project] table", path=path)
    dependencies = project.get("dependencies")
    if dependencies is None:
        raise WiringError(
            f"{path}: [project] has no dependencies array;"
            " add `dependencies = []` (a dynamic dependency list cannot be edited)",
            path=path,
        )
    if not isinstance(dependencies, Array):
        raise WiringError(f"{path}: [project].dependencies is not an array", path=path)
    return dependencies


def _same_marker(a: Requirement, b: Requirement) -> bool:
    return (None if a.marker is None else str(a.marker)) == (
        None if b.marker is None else str(b.marker)
    )


def _literal_style(array: Array) -> bool:
    """True when every existing entry is a single-quoted literal string."""
    items = [item for item in array if isinstance(item, tomlkit.items.String)]
    return bool(items) and all(item.as_string().startswith("'") for item in items)


def _drop_trailing_comma(array: Array) -> bool:
    """Remove the comma after the last value; False when there was none.

    tomlkit keeps the comma an append added after the previous last entry when
    that entry is deleted again; this reaches into its item groups to undo it.
    """
    # tomlkit's private item groups, untyped: the attributes are probed below.
    groups: list[Any] = getattr(array, "_value", [])
    for group in reversed(groups):
        if getattr(group, "value", None) is None:
            continue
        comma = getattr(group, "comma", None)
        if comma is None or "," not in comma.s:
            return False
        rest = comma.s.replace(",", "", 1)
        group.comma = Whitespace(rest) if rest else None
        return True
    return False


def _crlf_last_indent(array: Array) -> None:
    """Give the appended entry's line break the file's CRLF ending.

    tomlkit copies a neighbour's indentation, but into an empty multi-line array
    it writes a bare LF.
    """
    groups: list[Any] = getattr(array, "_value", [])  # as in _drop_trailing_comma
    for group in reversed(groups):
        if getattr(group, "value", None) is None:
            continue
        indent = getattr(group, "indent", None)
        if indent is not None and "\n" in indent.s and "\r\n" not in indent.s:
            group.indent = Whitespace(indent.s.replace("\n", "\r\n"))
        return


@dataclass(frozen=True)
class Dependency:
    """One requirement in `[project].dependencies`, e.g. `Dependency("redis>=5")`.

    apply appends the requirement string at the end of the array (keeping a
    multi-line array multi-line, with its indentation and trailing-comma style)
    unless an existing entry satisfies it. invert removes an entry only when its
    string is identical to `requirement`: that is the one apply would have added.
    An identical entry the user wrote by hand cannot be told apart and is removed
    too; any other entry (`redis>=5.0.1`, `Redis >= 5`) always stays.
    """

    format: ClassVar[TomlFormat] = TOML_FORMAT

    requirement: str
    path: str = field(default=PYPROJECT_PATH)

    def __post_init__(self) -> None:
        try:
            Requirement(self.requirement)
        except InvalidRequirement as error:
            raise ValueError(
                f"invalid requirement {self.requirement!r}: {error}"
            ) from error

    @property
    def parsed(self) -> Requirement:
        """The requirement as `packaging` reads it."""
        return Requirement(self.requirement)

    def assess(self, document: TOMLDocument) -> Assessment:
        """Judge the existing entries for this requirement's distribution."""
        needed = self.parsed
        name = canonicalize_name(needed.name)
        relevant: list[tuple[str, Requirement]] = []
        for item in dependencies_array(document, self.path):
            text = str(item)
            try:
                existing = Requirement(text)
            except InvalidRequirement:
                continue
            if canonicalize_name(existing.name) == name and _same_marker(
                existing, needed
            ):
                relevant.append((text, existing))
        if not relevant:
            return Assessment(Verdict.MISSING)
        # Installers intersect repeated entries, so judge them as one requirement.
        combined = Requirement(needed.name)
        combined.specifier = SpecifierSet(
            ",".join(str(r.specifier) for _, r in relevant if str(r.specifier))
        )
        combined.extras = {extra for _, r in relevant for extra in r.extras}
        urls = [r.url for _, r in relevant if r.url]
        combined.url = urls[0] if urls else None
        entries = tuple(text for text, _ in relevant)
        return Assessment(compare(combined, needed), entries)

    def _refusal(self, assessment: Assessment) -> str:
        have = ", ".join(repr(entry) for entry in assessment.entries)
        if assessment.verdict is Verdict.CONFLICT:
            return (
                f"{self.path}: {have} conflicts with {self.requirement!r}:"
                " no version satisfies both"
            )
        return (
            f"{self.path}: {have} does not guarantee {self.requirement!r};"
            " tighten it by hand"
        )

    def apply(self, document: TOMLDocument) -> TOMLDocument:
        """Append the requirement unless an existing entry satisfies it."""
        assessment = self.assess(document)
        if assessment.verdict is Verdict.SATISFIED:
            return document
        if assessment.verdict is not Verdict.MISSING:
            raise WiringError(self._refusal(assessment), path=self.path)
        result = copy_document(document)
        array = dependencies_array(result, self.path)
        literal = _literal_style(array) and "'" not in self.requirement
        array.append(tomlkit.string(self.requirement, literal=literal))
        if newline_of(document.as_string()) == "\r\n":
            _crlf_last_indent(array)
        return result

    def invert(self, document: TOMLDocument) -> TOMLDocument:
        """Remove the entry apply added (identical string); a no-op otherwise."""
        try:
            array = dependencies_array(document, self.path)
        except WiringError:
            return document
        texts = [str(item) for item in array]
        if self.requirement not in texts:
            return document
        index = len(texts) - 1 - texts[::-1].index(self.requirement)
        removed = copy_document(document)
        del dependencies_array(removed, self.path)[index]
        candidates = [removed]
        if index == len(texts) - 1:
            trimmed = copy_document(removed)
            if _drop_trailing_comma(dependencies_array(trimmed, self.path)):
                candidates.insert(0, trimmed)
        target = document.as_string()
        for candidate in candidates:
            try:
                again = self.apply(copy_document(candidate))
            except WiringError:
                continue
            if again.as_string() == target:
                return candidate
        # The file was edited around the entry: still remove only that entry.
        return removed

    def _line(self, document: TOMLDocument, entry: str | None = None) -> int | None:
        text = document.as_string()
        if entry is not None:
            for number, line in enumerate(text.splitlines(), start=1):
                if f'"{entry}"' in line or f"'{entry}'" in line:
                    return number
        return line_of_key(text, "project", "dependencies")

    def observe(self, document: TOMLDocument) -> Observation:
        """PRESENT when satisfied, ABSENT when missing, UNMANAGED for a bad pin."""
        try:
            assessment = self.assess(document)
        except WiringError as error:
            return Observation(Presence.ABSENT, (), error.message)
        if assessment.verdict is Verdict.MISSING:
            return Observation(Presence.ABSENT)
        line = self._line(document, assessment.entries[0])
        lines = () if line is None else (line,)
        if assessment.verdict is not Verdict.SATISFIED:
            return Observation(Presence.UNMANAGED, lines, self._refusal(assessment))
        if [str(item) for item in dependencies_array(document, self.path)].count(
            self.requirement
        ) > 1:
            return Observation(
                Presence.DUPLICATED, lines, f"{self.requirement!r} listed twice"
            )
        return Observation(Presence.PRESENT, lines)

    def check(self, document: TOMLDocument) -> list[Finding]:
        """Findings for a missing, conflicting, too loose or repeated requirement."""
        try:
            assessment = self.assess(document)
        except WiringError as error:
            return [
                codes.DEPENDENCIES_UNDECLARED.finding(
                    error.message,
                    "declare `dependencies = [...]` under [project]",
                    path=self.path,
                )
            ]
        verdict = assessment.verdict
        if verdict is Verdict.MISSING:
            return [
                codes.DEPENDENCY_MISSING.finding(
                    f"{self.requirement!r} is missing from [project].dependencies",
                    "run `polepos check --fix` or add it by hand",
                    path=self.path,
                    line=self._line(document),
                )
            ]
        line = self._line(document, assessment.entries[0])
        if verdict is Verdict.CONFLICT:
            return [
                codes.DEPENDENCY_CONFLICT.finding(
                    self._refusal(assessment),
                    f"change the pin so it allows {self.requirement!r}",
                    path=self.path,
                    line=line,
                )
            ]
        if verdict is Verdict.TOO_LOOSE:
            return [
                codes.DEPENDENCY_TOO_LOOSE.finding(
                    self._refusal(assessment),
                    f"tighten the entry to {self.requirement!r} or stricter",
                    path=self.path,
                    line=line,
                )
            ]
        if [str(item) for item in dependencies_array(document, self.path)].count(
            self.requirement
        ) > 1:
            return [
                codes.DEPENDENCY_DUPLICATED.finding(
                    f"{self.requirement!r} is listed more than once",
                    "keep one entry",
                    path=self.path,
                    line=line,
                )
            ]
        return []
