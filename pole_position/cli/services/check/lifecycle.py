"""The lifecycle layer: each recorded module's files, wiring and tests; orphans."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from codemods import Finding, Inverted, Rewrite, TextShortcut, codes
from codemods.layout import MANIFEST_FILE, MARKERS
from pole_position.cli.services.catalog.modules import (
    STARTER_MODULE,
    TemplateSpec,
    template_spec,
)
from pole_position.cli.services.check.context import CheckContext, Repair
from pole_position.cli.services.plans.module.wiring import module_wiring

if TYPE_CHECKING:
    import libcst as cst

    from pole_position.cli.services.project.wiring_types import AnyWiring


class _BlockSource(NamedTuple):
    """A file of managed blocks: who it wires, how to sort it, what is amiss."""

    path: str
    wired: Callable[[cst.Module], list[str]]
    sort: Callable[[cst.Module], cst.Module]
    order: Callable[[cst.Module, str], list[Finding]]  # (document, path)


def _spec_of(value: str) -> TemplateSpec | None:
    from codemods.manifest_model import parse_module_template

    try:
        return template_spec(parse_module_template(value)[0])
    except ValueError:
        return None  # reported by the manifest reader as an unknown template


def check_modules(context: CheckContext, broken: set[str]) -> None:
    """Wiring of every recorded module, all checkers of a file over one parse."""
    specs: dict[str, TemplateSpec] = {}
    for name, value in sorted(context.modules.items()):
        spec = _spec_of(value)
        if spec is None:
            continue
        specs[name] = spec
        _check_files(context, name, spec)
    inputs = sorted(context.modules.items())
    planned: dict[str, dict[str, list[tuple[str, AnyWiring]]]] = {}

    def grouped() -> dict[str, list[tuple[str, AnyWiring]]]:
        # Built only on a cache miss: the operations import the codemods (LibCST).
        if "all" not in planned:
            by_path: dict[str, list[tuple[str, AnyWiring]]] = defaultdict(list)
            for name, spec in specs.items():
                for operation in module_wiring(context.layout, name, spec):
                    by_path[operation.path].append((name, operation))
            planned["all"] = by_path
        return planned["all"]

    paths: list[str] = context.remember(
        "module-wiring-files", [], inputs, lambda: sorted(grouped())
    )
    for path in paths:
        if path in broken or not context.files.exists(path):
            continue
        context.remember(
            "module-wiring",
            [path],
            inputs,
            partial(_check_wiring, context, path, grouped),
        )


def _check_wiring(
    context: CheckContext,
    path: str,
    grouped: Callable[[], dict[str, list[tuple[str, AnyWiring]]]],
) -> None:
    pairs = grouped()[path]
    answers = text_checks(context, path, [operation for _, operation in pairs])
    if answers is None:
        return
    for (name, operation), found in zip(pairs, answers, strict=True):
        for finding in found:
            _report_wiring(context, name, operation, finding)


def text_checks(
    context: CheckContext, path: str, operations: Sequence[AnyWiring]
) -> list[list[Finding]] | None:
    """Each operation's findings over one file; None when the file has no text or
    does not parse (already reported).

    An operation with text faces (`TextShortcut`) answers from the file's text
    first: importing and running LibCST costs more than a whole warm check. The
    file is parsed only when some operation's face cannot decide, and then once
    for all of them.
    """
    text = context.files.text(path)
    if text is None:
        return None
    answers: list[list[Finding] | None] = [
        operation.check_text(text) if isinstance(operation, TextShortcut) else None
        for operation in operations
    ]
    if all(found is not None for found in answers):
        return [found for found in answers if found is not None]
    from codemods import python_source as py

    document = context.files.document(path, operations[0].format)
    if document is None:
        return None
    py.scan(document)  # one traversal feeds every checker of this file
    return [
        found if found is not None else operation.check(document)
        for found, operation in zip(answers, operations, strict=True)
    ]


def _report_wiring(
    context: CheckContext, module: str, operation: AnyWiring, finding: Finding
) -> None:
    """Report one finding of `module`'s wiring, with the repair that fixes it."""
    if module == STARTER_MODULE and finding.code in {
        codes.ROUTER_IMPORT_MISSING.code,
        codes.ROUTER_INCLUDE_MISSING.code,
        codes.EXPORT_MISSING.code,
    }:
        finding = codes.STARTER_UNWIRED.finding(
            f"starter module 'status': {finding.message}",
            "Run 'polepos check --fix' to wire it again.",
            finding.path,
            finding.line,
        )
    repair: Repair | None = None
    if finding.code == codes.WIRING_DUPLICATED.code:
        repair = Repair(
            f"kept one copy of {module!r} wiring in {operation.path}",
            (Inverted(operation), operation),
        )
    elif finding.fixable:
        repair = Repair(f"wired {module!r} in {operation.path}", (operation,))
    context.report(finding, repair)


def _check_files(context: CheckContext, name: str, spec: TemplateSpec) -> None:
    from codemods.lockfile import recorded_files

    folder = context.layout.module_dir(name)
    recorded = recorded_files(context.lock, "modules", name)
    if not context.files.exists(folder):
        context.report(
            codes.MODULE_FILES_MISSING.finding(
                f"module {name!r} is recorded but {folder}/ is gone",
                f"Run 'polepos remove module {name}' to clean up its wiring, or "
                "restore the folder.",
                folder,
            )
        )
        return
    required = ["__init__.py"]
    if spec.has_router:
        required.append("router.py")
    if spec.has_model and context.layout.has_database:
        required.append("model.py")
    for file in required:
        path = f"{folder}/{file}"
        if not context.files.exists(path):
            context.report(
                codes.MODULE_FILES_MISSING.finding(
                    f"module {name!r} lacks {path}",
                    "Restore the file, or remove the module and add it again.",
                    path,
                )
            )
    if name != STARTER_MODULE and not recorded:
        context.report(
            codes.HASHES_MISSING.finding(
                f"module {name!r} has no content hashes in .poleposition.lock",
                "remove will treat its files as edited; use --force to remove it.",
                ".poleposition.lock",
            )
        )
    for path in sorted(
        p for p in recorded if p.startswith(f"{context.layout.tests_dir}/")
    ):
        if not context.files.exists(path):
            context.report(
                codes.TESTS_MISSING.finding(
                    f"generated test {path} of module {name!r} is missing",
                    "Restore it from version control, or accept the loss.",
                    path,
                )
            )


def check_orphans_and_order(context: CheckContext, broken: set[str]) -> None:
    """Wiring for modules whose folder is gone, unrecorded modules, block order."""
    known = set(context.modules) | set(context.detached) | {STARTER_MODULE}
    if context.manifest is not None and context.manifest.auth:
        known.add("auth")  # the auth workflow is wired like a module
    layout = context.layout
    kinds = [("router", layout.router_file)]
    if layout.models_file is not None:
        kinds.append(("model", layout.models_file))
    for kind, path in kinds:
        if path in broken or not context.files.exists(path):
            continue
        names = context.remember(
            "wired-modules", [path], kind, partial(_wired_and_order, context, kind)
        )
        if names is not None:
            _orphans_of(context, path, names, known)
    exports_path = layout.module_exports_file
    if exports_path not in broken:
        names = context.remember(
            "wired-exports",
            [exports_path],
            None,
            lambda: _exported_and_order(context, exports_path),
        )
        if names is not None:
            _orphans_of(context, exports_path, names, known)


def _block_sources(context: CheckContext) -> dict[str, _BlockSource]:
    """The router and models files' block readers (importing the codemods)."""
    from codemods import model, router

    layout = context.layout
    receiver = layout.router_receiver
    sources: list[_BlockSource] = [
        _BlockSource(
            layout.router_file,
            lambda d: router.wired_modules(d, layout, receiver),
            lambda d: router.sort_blocks(d, layout, receiver),
            lambda d, path: router.block_findings(d, layout, path, receiver),
        ),
    ]
    if layout.models_file is not None:
        sources.append(
            _BlockSource(
                layout.models_file,
                lambda d: model.wired_modules(d, layout),
                lambda d: model.sort_blocks(d, layout),
                lambda d, path: model.block_findings(d, layout, path),
            )
        )
    return {"router": sources[0], **({"model": sources[1]} if sources[1:] else {})}


def _wired_from_text(context: CheckContext, kind: str) -> list[str] | None:
    """Modules a router or models file wires, read from its text when its blocks
    are in the shape `text_source` decides and sorted; else None."""
    from codemods import text_source

    layout = context.layout
    path = layout.router_file if kind == "router" else layout.models_file
    source = context.files.python_text(path) if path is not None else None
    if source is None:
        return None
    modules = layout.modules_package
    if kind == "router":
        markers = (MARKERS.router_imports, MARKERS.router_includes)
        receiver = layout.router_receiver
        return text_source.router_modules(source, modules, receiver, markers)
    return text_source.model_modules(source, modules, MARKERS.model_imports)


def _wired_and_order(context: CheckContext, kind: str) -> list[str] | None:
    """Modules a router or models file wires (None when it does not parse).

    Reports its block-order findings.
    """
    from_text = _wired_from_text(context, kind)
    if from_text is not None:
        return sorted(from_text)
    from codemods.python_source import PYTHON

    source = _block_sources(context)[kind]
    document = context.files.document(source.path, PYTHON)
    if document is None:
        return None
    for finding in source.order(document, source.path):
        _report_order(context, finding, source.path, source.sort)
    return sorted(source.wired(document))


def _exported_and_order(context: CheckContext, path: str) -> list[str] | None:
    """Modules the module exports list; reports its block-order findings."""
    from codemods import text_source

    source = context.files.python_text(path)
    if source is not None:
        names = text_source.export_names(source, MARKERS.module_exports, order=True)
        if names is not None:
            return sorted(names)
    from codemods import export
    from codemods.python_source import PYTHON

    document = context.files.document(path, PYTHON)
    if document is None:
        return None
    for finding in export.block_findings(document, export.MODULE_EXPORTS, path):
        _report_order(
            context,
            finding,
            path,
            lambda d: export.sort_block(d, export.MODULE_EXPORTS, path),
        )
    return sorted(export.wired_names(document, path=path))


def check_integration_exports(context: CheckContext, broken: set[str]) -> None:
    """`integrations/__init__.py` lists only integrations whose package exists."""
    path = context.layout.integration_exports_file
    if path in broken or not context.files.exists(path):
        return
    names = context.remember(
        "wired-integrations", [path], None, lambda: _integration_names(context, path)
    )
    for name in names or []:
        folder = context.layout.integration_dir(name)
        if context.files.exists(folder):
            continue
        from codemods import export

        operation = export.integration_export(context.layout, name)
        context.report(
            codes.WIRING_ORPHANED.finding(
                f"{path} exports integration {name!r}, whose folder {folder}/ is gone",
                "Run 'polepos check --fix' to remove the orphaned export.",
                path,
            ),
            Repair(
                f"removed orphaned export {name!r} from {path}", (Inverted(operation),)
            ),
        )


def _integration_names(context: CheckContext, path: str) -> list[str] | None:
    from codemods import text_source

    source = context.files.python_text(path)
    if source is not None:
        marker = MARKERS.integration_exports
        names = text_source.export_names(source, marker, order=False)
        if names is not None:
            return sorted(names)
    from codemods import export
    from codemods.python_source import PYTHON

    document = context.files.document(path, PYTHON)
    if document is None:
        return None
    return sorted(export.wired_names(document, export.INTEGRATION_EXPORTS, path))


def _report_order(
    context: CheckContext,
    finding: Finding,
    path: str,
    sort: Callable[[cst.Module], cst.Module],
) -> None:
    from codemods.python_source import PYTHON

    if finding.code != codes.BLOCK_OUT_OF_ORDER.code:
        return  # marker findings come from the marker checks
    context.report(
        finding,
        Repair(
            f"re-sorted the managed block in {path}", (Rewrite(path, PYTHON, sort),)
        ),
    )


def _orphans_of(
    context: CheckContext, path: str, names: list[str], known: set[str]
) -> None:
    from pole_position.cli.services.catalog.modules import TemplateSpec

    everything = TemplateSpec("any", has_router=True, has_model=True)
    for name in sorted(set(names) - known):
        folder = context.layout.module_dir(name)
        if context.files.exists(folder):
            context.report(
                codes.MODULE_UNRECORDED.finding(
                    f"module {name!r} is wired in {path} but not in the manifest",
                    f'Add {name} = "<template>" under [modules] in {MANIFEST_FILE}.',
                    path,
                )
            )
            continue
        operations = [
            op
            for op in module_wiring(context.layout, name, everything)
            if op.path == path
        ]
        context.report(
            codes.WIRING_ORPHANED.finding(
                f"{path} wires module {name!r}, whose folder {folder}/ is gone",
                "Run 'polepos check --fix' to remove the orphaned wiring.",
                path,
            ),
            Repair(
                f"removed orphaned wiring of {name!r} from {path}",
                tuple(Inverted(op) for op in operations),
            ),
        )


def check_orphaned_tests(context: CheckContext) -> None:
    """Generated tests recorded for modules that no longer exist."""
    from codemods.lockfile import recorded_files

    known = set(context.modules) | set(context.detached)
    for name in sorted(set(context.lock.get("modules", {})) - known):
        if context.files.exists(context.layout.module_dir(name)):
            continue  # the module exists, unrecorded: reported as PP214
        for path in sorted(recorded_files(context.lock, "modules", name)):
            if path.startswith(f"{context.layout.tests_dir}/") and context.files.exists(
                path
            ):
                context.report(
                    codes.TESTS_ORPHANED.finding(
                        f"{path} tests module {name!r}, which no longer exists",
                        f"Delete it, or run 'polepos remove module {name}'.",
                        path,
                    )
                )
