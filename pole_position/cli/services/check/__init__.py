"""Plan-free half of the lifecycle: `polepos check` diagnoses, `--fix` repairs.

Three layers read the project through one `ProjectFiles` cache (each file
parsed at most once per run): core (identity, structure, markers), lifecycle
(modules, orphans, order, cycles) and integrations. Every fixable finding
carries the codemod operations that repair it; `fix_project` applies them
through one change set and checks again.

A plain check keeps per-file results in a cache (see `cache.py`) so files
whose bytes have not changed are not parsed again; `--fix` never uses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from codemods import Finding, codes
from codemods.layout import MANIFEST_FILE, Layout
from pole_position.cli.services.check.context import CheckContext
from pole_position.cli.services.check.documents import ProjectFiles
from pole_position.cli.services.check.report import CheckReport

if TYPE_CHECKING:
    from codemods.lockfile import LockData
    from codemods.manifest_model import Manifest
    from pole_position.cli.services.check.cache import CheckCache
    from pole_position.cli.services.project.change_set import ChangeSet

__all__ = ["CheckReport", "RepairPlan", "check_project", "fix_project", "plan_repairs"]

MANIFEST = MANIFEST_FILE


def _find_root(start: Path) -> tuple[Path, bool] | None:
    from pole_position.cli.services.project.locate import _inferred, has_manifest

    here = start.resolve()
    for folder in (here, *here.parents):
        if has_manifest(folder):
            return folder, True
    for folder in (here, *here.parents):
        if _inferred(folder) is not None:
            return folder, False
    return None


def _context(start: Path, *, cache: bool = False) -> CheckContext | CheckReport:
    """Gather the project's state, or a failed report when there is no project."""
    from codemods.lockfile import LOCK_PATH, read_lock
    from pole_position.cli.services.project.locate import _inferred

    found = _find_root(start)
    if found is None:
        finding = codes.NOT_A_PROJECT.finding(
            f"no PolePosition project found at {start.resolve()} or above",
            "Run 'polepos check' inside a project created by 'polepos start'.",
        )
        return CheckReport(project_root=None, package=None, issues=[finding])
    root, has_manifest = found
    interrupted = _interrupted_change(root)
    if interrupted is not None:
        # Everything else would describe a half-written tree: report only this.
        return CheckReport(project_root=str(root), package=None, issues=[interrupted])
    files = ProjectFiles(root)
    kept = None
    if cache:
        from pole_position.cli.services.check.cache import CheckCache

        kept = CheckCache.load(root)
    inferred = _inferred(root)
    manifest = None
    early = []
    if has_manifest:
        text = files.text(MANIFEST)
        if text is None:
            early.append(
                codes.MANIFEST_UNREADABLE.finding(
                    f"{MANIFEST} cannot be read as UTF-8",
                    "Rewrite it as UTF-8 text.",
                    MANIFEST,
                )
            )
            files.findings.clear()
        else:
            manifest = _read_manifest(files, text, kept)
            early.extend(manifest.errors)
    else:
        early.append(
            codes.MANIFEST_MISSING.finding(
                f"the project has no {MANIFEST}; its shape was inferred",
                "Create one (see docs/manifest.md) so add, remove and check know "
                "what was generated.",
                MANIFEST,
            )
        )
    package = (manifest.package if manifest else None) or (
        inferred.package if inferred else None
    )
    db = (manifest.db if manifest else None) or (inferred.db if inferred else "sqlite")
    if package is None:
        return CheckReport(project_root=str(root), package=None, issues=early)
    layout = manifest.layout if manifest is not None else None
    context = CheckContext(
        root=root,
        package=package,
        db=db,
        manifest=manifest,
        lock={},
        files=files,
        layout=layout or Layout.default(package, db),
    )
    context.cache = kept
    context.findings.extend(early)

    def lock() -> LockData:
        lock_text = files.text(LOCK_PATH)
        if lock_text is None:
            return {}
        data, problems = read_lock(lock_text)
        context.findings.extend(problems)
        return dict(data)

    # A 200-module lock takes tomllib longer to read than a warm check's rest.
    context.lock = context.remember("lock", [LOCK_PATH], None, lock)
    return context


def _read_manifest(files: ProjectFiles, text: str, kept: CheckCache | None) -> Manifest:
    """The manifest's record, from the check cache while its bytes are unchanged.

    Its `[layout]` is part of every other cache key, so it is read before any;
    the record itself depends on nothing but the text. A 200-module manifest
    takes tomlkit (and importing it) longer than the rest of a warm check; a
    manifest in the shape the tool writes is read on its lines instead.
    """
    from codemods.manifest_model import manifest_data, manifest_from_data

    key = None
    if kept is not None:
        from pole_position.cli.services.check.cache import MISS

        key = kept.key("manifest", files.digest(MANIFEST))
        hit = kept.get(key)
        if hit is not MISS:
            try:
                return manifest_from_data(hit)
            except (TypeError, ValueError, KeyError):
                pass  # a damaged entry: read the file again
    from codemods.manifest_read import read_manifest

    if files.plain_toml(MANIFEST) is not None:
        # The shape the tool writes: read on its lines, without importing tomlkit.
        manifest = read_manifest(text)
    else:
        from codemods.toml_source import TOML_FORMAT

        # One tomlkit parse, shared with the checks that read [fields].
        document = files.document(MANIFEST, TOML_FORMAT, quiet=True)
        manifest = read_manifest(text, document=document)
    if kept is not None and key is not None:
        kept.put(key, manifest_data(manifest))
    return manifest


def _interrupted_change(root: Path) -> Finding | None:
    """PP020 (or PP021) when an interrupted change's journal is in the project."""
    from pole_position.cli.services.project import JOURNAL

    if not (root / JOURNAL).exists():
        return None  # the usual case, decided without importing the journal
    from pole_position.cli.services.project import journal
    from pole_position.cli.services.project.lock import lock_if_free

    if not journal.pending(root):
        return None
    with lock_if_free(root) as free:
        if not free:
            return None  # a running command's own journal, not an interrupted one
        try:
            recorded = journal.load(root)
        except journal.DamagedJournal as exc:
            return codes.JOURNAL_DAMAGED.finding(
                exc.message, exc.hint or "", f"{journal.JOURNAL}/{journal.PLAN}"
            )
    if recorded is None:
        message = (
            "a polepos command was interrupted while writing its journal, before "
            "it changed any file"
        )
    else:
        count = len(recorded.entries)
        message = (
            f"'{recorded.command}' was interrupted while changing {count} file"
            f"{'s' * (count != 1)}; the project may be half-written"
        )
    return codes.INTERRUPTED_CHANGE.finding(
        message,
        "Run 'polepos check --fix' (or any polepos command that changes the "
        "project) to roll it back.",
        journal.JOURNAL,
    )


def _run(start: Path, *, cache: bool = False) -> CheckContext | CheckReport:
    context = _context(start, cache=cache)
    if isinstance(context, CheckReport):
        return context
    _checks(context)
    if context.cache is not None:
        context.cache.save()
    return context


def _checks(context: CheckContext) -> None:
    from pole_position.cli.services.check import (
        core,
        cycles,
        fields,
        imports,
        integrations,
        lifecycle,
        links,
        upgrades,
        user_env,
    )

    core.check_identity(context)
    upgrades.check_upgrade_conflicts(context)
    if not (context.root / context.layout.package_dir).is_dir():
        context.findings.extend(context.files.findings)
        return
    core.check_structure(context)
    links.check_managed_links(context)
    broken = core.check_markers(context)
    lifecycle.check_modules(context, broken)
    lifecycle.check_orphans_and_order(context, broken)
    lifecycle.check_orphaned_tests(context)
    lifecycle.check_integration_exports(context, broken)
    cycles.check_cycles(context)
    fields.check_fields(context)
    imports.check_module_imports(context)
    imports.check_database_imports(context)
    integrations.check_llm_scaffold(context)
    integrations.check_features(context)
    user_env.check_user_env(context)
    context.findings.extend(context.files.findings)


def _report(context: CheckContext | CheckReport) -> CheckReport:
    if isinstance(context, CheckReport):
        return context
    return CheckReport(
        project_root=str(context.root),
        package=context.package,
        issues=context.findings,
        parses=dict(context.files.parses),
        text_parses=context.files.text_parses(),
    )


def check_project(start: Path, *, cache: bool = True) -> CheckReport:
    """Run every check layer over the project containing `start`.

    `cache=False` (`--no-cache`) parses every file instead of reusing the
    results kept for files whose bytes have not changed.
    """
    return _report(_run(start, cache=cache))


class RepairPlan(NamedTuple):
    """One round of repairs: the change set and what each repair does."""

    changes: ChangeSet
    descriptions: list[str]


def plan_repairs(start: Path) -> RepairPlan | None:
    """One round of repairs as a change set, with what each does; None if none."""
    from pole_position.cli.services.project.change_set import ChangeSet

    context = _run(start)
    if isinstance(context, CheckReport) or not context.repairs:
        return None
    changes = ChangeSet(context.root)
    done: list[str] = []
    for repair in context.repairs:
        if repair.description in done:
            continue
        done.append(repair.description)
        changes.wire(list(repair.operations))
    return RepairPlan(changes, done)


def fix_project(start: Path, *, rounds: int = 3) -> CheckReport:
    """Apply every fixable finding's repair, then check again.

    Repairs can enable others (a restored marker lets missing wiring be
    re-applied), so this runs a few rounds until nothing fixable remains.
    """
    from pole_position.cli.services.project import journal
    from pole_position.cli.services.project.lock import project_lock

    found = _find_root(start)
    if found is None:
        return check_project(start)
    fixed: list[str] = []
    # One lock for every round: each plan and its commit see one snapshot.
    with project_lock(found[0]):
        if journal.pending(found[0]):
            journal.recover(found[0])
            fixed.append("rolled back the interrupted change")
        fixed.extend(_fix_rounds(start, rounds))
        report = check_project(start, cache=False)
    if fixed:
        from pole_position.cli.services.check.cache import forget

        forget(found[0])  # so even a key that missed an input cannot outlive a fix
    report.fixed = fixed
    return report


def _fix_rounds(start: Path, rounds: int) -> list[str]:
    from pole_position.cli.errors import Refused

    fixed: list[str] = []
    for _ in range(rounds):
        planned = plan_repairs(start)
        if planned is None:
            break
        try:
            committed = planned.changes.commit()
        except Refused:
            break  # what could not be repaired stays in the final report
        fixed.extend(planned.descriptions)
        if not committed:
            break
    return fixed
