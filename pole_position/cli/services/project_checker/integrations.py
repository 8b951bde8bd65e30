"""The integrations layer: shared scaffolds' files, settings, env keys, dependencies."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from codemods import codes
from pole_position.cli.services.project_checker.context import CheckContext, Repair


def _check_operations(context: CheckContext, owner: str, operations: list[Any]) -> None:
    """Run each operation's checker over its file (one parse per file per run)."""
    grouped: dict[str, list[Any]] = defaultdict(list)
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
                context.report(
                    finding, Repair(f"restored {owner} wiring in {path}", (operation,))
                )


def _partly_missing_fields(operation: Any, document: Any) -> list[str]:
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
    from codemods.lockfile import recorded_files
    from codemods.manifest import parse_module_template
    from pole_position.cli.services.module_creator import llm
    from pole_position.cli.services.project_locator import Project

    users = [
        name
        for name, value in context.modules.items()
        if _template_name(value, parse_module_template) == "ai-prompt"
    ]
    if not users:
        return
    project = Project(root=context.root, package=context.package, db=context.db)
    recorded = recorded_files(context.lock, llm.SECTION, llm.OWNER)
    _check_files(
        context, "LLM scaffold", [p for p in recorded if not p.startswith("tests/")]
    )
    operations = [
        op
        for op in llm.scaffold_operations(project, {})
        if op.path != ".poleposition.lock"
    ]
    _check_operations(context, "LLM scaffold", operations)


def _template_name(value: str, parse: Any) -> str | None:
    try:
        name: str = parse(value)[0]
    except ValueError:
        return None
    return name
