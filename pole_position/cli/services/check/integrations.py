"""The integrations layer: shared scaffolds' files, settings, env keys, dependencies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from codemods import codes
from codemods.layout import MANIFEST_FILE
from pole_position.cli.services.check.context import CheckContext, Repair

if TYPE_CHECKING:
    from codemods.manifest import ManifestFlag, ManifestIntegration
    from pole_position.cli.services.plans.feature import Feature
    from pole_position.cli.services.project.wiring_types import AnyWiring

_MARKER_CODES = {codes.MARKER_MISSING.code, codes.MARKER_DUPLICATED.code}


def _check_operations(
    context: CheckContext, owner: str, operations: list[AnyWiring]
) -> None:
    """Run each operation's checker over its file (one parse per file per run)."""
    grouped: dict[str, list[AnyWiring]] = defaultdict(list)
    for operation in operations:
        grouped[operation.path].append(operation)
    for path, group in sorted(grouped.items()):
        if not context.files.exists(path):
            continue  # reported by the core layer
        document = context.files.document(path, group[0].format)
        if document is None:
            continue
        for operation in group:
            partial = _partly_missing_fields(operation, document)
            if partial:
                context.report(
                    codes.SETTINGS_MISSING.finding(
                        f"{owner}: settings field{'s' * (len(partial) > 1)} "
                        + ", ".join(f"`{name}`" for name in partial)
                        + " missing from Settings",
                        "Add the field back by hand (its siblings are still there), "
                        "or delete the whole block and run 'polepos check --fix'.",
                        path,
                        fixable=False,
                    )
                )
                continue
            for finding in operation.check(document):
                if finding.code in _MARKER_CODES:
                    continue  # the core layer reports (and restores) markers once
                context.report(
                    finding, Repair(f"restored {owner} wiring in {path}", (operation,))
                )


def _partly_missing_fields(operation: AnyWiring, document: object) -> list[str]:
    """Fields of a settings block that are gone while some of their siblings remain."""
    import libcst as cst

    names = getattr(operation, "names", None)
    if names is None or not isinstance(document, cst.Module):
        return []
    present: set[str] = set()
    for statement in document.body:
        if isinstance(statement, cst.ClassDef) and statement.name.value == "Settings":
            for line in statement.body.body:
                if isinstance(line, cst.SimpleStatementLine):
                    for small in line.body:
                        if isinstance(small, cst.AnnAssign) and isinstance(
                            small.target, cst.Name
                        ):
                            present.add(small.target.value)
    missing = [name for name in names if name not in present]
    return missing if 0 < len(missing) < len(names) else []


def _check_files(context: CheckContext, owner: str, paths: list[str]) -> None:
    for path in sorted(paths):
        if not context.files.exists(path):
            context.report(
                codes.SCAFFOLD_FILES_MISSING.finding(
                    f"{owner}: {path} is missing",
                    "Restore it from version control, or remove and add the feature "
                    "again.",
                    path,
                )
            )


def check_llm_scaffold(context: CheckContext) -> None:
    """The LLM scaffold exists, wired, while any ai-prompt module is recorded."""
    from codemods.lockfile import LOCK_PATH, recorded_files
    from codemods.manifest_model import parse_module_template
    from pole_position.cli.services.plans.module import llm
    from pole_position.cli.services.project.locate import Project

    users = [
        name
        for name, value in context.modules.items()
        if _template_name(value, parse_module_template) == "ai-prompt"
    ]
    if not users:
        return
    project = Project(
        root=context.root,
        package=context.package,
        db=context.db,
        layout=context.layout,
    )
    recorded = recorded_files(context.lock, llm.SECTION, llm.OWNER)
    _check_files(
        context,
        "LLM scaffold",
        [p for p in recorded if not p.startswith(f"{context.layout.tests_dir}/")],
    )
    operations = [
        op for op in llm.scaffold_operations(project, {}) if op.path != LOCK_PATH
    ]
    _check_operations(context, "LLM scaffold", operations)


def _template_name(
    value: str, parse: Callable[[str], tuple[str, tuple[str, ...]]]
) -> str | None:
    try:
        name = parse(value)[0]
    except ValueError:
        return None
    return name


def _feature_checks(context: CheckContext, feature: Feature) -> None:
    from codemods.dependency import Dependency
    from codemods.lockfile import recorded_files
    from pole_position.cli.services.plans.feature import recorded_feature

    feature = recorded_feature(feature, context.lock)
    recorded = recorded_files(context.lock, feature.section, feature.owner)
    _check_files(
        context,
        feature.label,
        [p for p in recorded if not p.startswith(f"{context.layout.tests_dir}/")],
    )
    requirements = [Dependency(requirement=r) for r in feature.requirements]
    _check_operations(context, feature.label, [*feature.operations, *requirements])


def check_features(context: CheckContext) -> None:
    """Recorded integrations and auth: files, settings, env keys, exports, deps."""
    from pole_position.cli.services.catalog.integrations import INTEGRATIONS
    from pole_position.cli.services.plans.auth import (
        AUTH_MODULE,
        auth_feature,
        recorded_auth_version,
    )
    from pole_position.cli.services.plans.integration import integration_feature
    from pole_position.cli.services.project.locate import Project

    if context.manifest is None:
        return
    project = Project(
        root=context.root,
        package=context.package,
        db=context.db,
        layout=context.layout,
    )
    recorded = set(context.manifest.integrations)
    for name in sorted(recorded & set(INTEGRATIONS)):
        _feature_checks(context, integration_feature(project, name))
    for name in sorted(set(INTEGRATIONS) - recorded):
        folder = context.layout.integration_dir(name)
        if context.files.exists(f"{folder}/__init__.py"):
            _unrecorded(context, f"integration {name}", _integration_entry(name))
    if context.manifest.auth and context.db != "none":
        version = recorded_auth_version(context.lock)
        _feature_checks(context, auth_feature(project, version))
    elif context.files.exists(f"{context.layout.module_dir(AUTH_MODULE)}/router.py"):
        _unrecorded(context, "auth", _auth_entry())


def _integration_entry(name: str) -> ManifestIntegration:
    from codemods.manifest import ManifestIntegration

    return ManifestIntegration(name=name)


def _auth_entry() -> ManifestFlag:
    from codemods.manifest import ManifestFlag

    return ManifestFlag(flag="auth", setting=True)


def _unrecorded(
    context: CheckContext, label: str, entry: ManifestIntegration | ManifestFlag
) -> None:
    context.report(
        codes.MANIFEST_ENTRY_MISSING.finding(
            f"{label} is in the project but not recorded in {MANIFEST_FILE}",
            "Run 'polepos check --fix' to record it.",
            MANIFEST_FILE,
        ),
        Repair(f"recorded {label} in {MANIFEST_FILE}", (entry,)),
    )
