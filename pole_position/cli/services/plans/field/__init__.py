"""Plan `polepos add field` and `polepos remove field` (docs/fields.md).

A request becomes one change set: the model column, the pydantic fields and
the tests' sample values of every field (codemods `fields_model`,
`fields_schema`, `fields_sample`), the module's `[fields]` entry in the
manifest, and the lock's hashes of the touched files re-recorded so the
module stays "generated". `remove field` plans the same operations inverted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from codemods.layout import MANIFEST_FILE, Layout
from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.plans.field.operations import (
    SCHEMA_ROLES,
    ModuleFiles,
    field_operations,
    marker_scopes,
    module_files,
)
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    import libcst as cst

    from codemods.fields_manifest import ManifestFields
    from codemods.fields_spec import FieldSpec
    from pole_position.cli.services.project.wiring_types import Wiring

__all__ = ["FieldPlan", "plan_add_fields", "plan_remove_fields", "recorded_specs"]


@dataclass(frozen=True)
class FieldPlan:
    """The change set plus what the command tells the user."""

    changes: ChangeSet
    module: str
    template: str
    fields: tuple[FieldSpec, ...]
    untested: tuple[str, ...]  # generated tests without a sample_fields() helper


def _template_of(state: ProjectState, module: str) -> str:
    from codemods.manifest import parse_module_template

    if module not in state.modules:
        if module in state.manifest.detached:
            raise Refused(
                f"module {module!r} is detached (remove module --wiring-only); "
                "its fields are no longer managed.",
                "Edit its model by hand.",
            )
        raise Refused(
            f"there is no module {module!r} in this project.",
            "Run 'polepos check' to list the project's modules.",
        )
    template = parse_module_template(state.modules[module])[0]
    if template not in SCHEMA_ROLES:
        raise Refused(
            f"module {module!r} ({template}) has no model, so it has no fields.",
            "Fields go on crud, standard and service-only modules.",
        )
    return template


def _recorded_value(changes: ChangeSet, module: str) -> object:
    """The module's `[fields]` value as tomlkit's `unwrap` gives it (None: absent).

    The manifest in the shape the tool writes is read on its lines
    (`codemods.toml_lines`): a tomlkit parse of a 200-module manifest cost more
    than the rest of `add field`. Other shapes are parsed once, and the edit
    reuses that document.
    """
    from codemods.fields_manifest import TABLE, recorded_fields
    from codemods.manifest import MANIFEST_PATH
    from codemods.toml_lines import scan
    from codemods.toml_source import TOML_FORMAT

    plain = scan(changes.text(MANIFEST_PATH))
    if plain is None:
        document = changes.document(MANIFEST_PATH, TOML_FORMAT)
        return recorded_fields(document).get(module)
    table = plain.tables.get(TABLE)
    found = None if table is None else table.entries.get(module)
    return None if found is None else found[0]


def recorded_specs(changes: ChangeSet, module: str) -> tuple[FieldSpec, ...]:
    """The fields `[fields]` records for `module`, in the order they were added."""
    from codemods.fields_manifest import parse_recorded
    from codemods.fields_spec import FieldSpecError

    value = _recorded_value(changes, module)
    if value is None:
        return ()
    try:
        return parse_recorded(value)
    except FieldSpecError as error:
        raise Refused(
            f"{MANIFEST_FILE}: [fields] {module} is malformed ({error}).",
            "Fix it (see 'polepos check') before changing the module's fields.",
        ) from None


def _model_fields(changes: ChangeSet, files: ModuleFiles) -> dict[str, int | None]:
    """`{name: line}` of every annotated attribute of the model class."""
    import libcst as cst

    from codemods import python_source as py
    from codemods.fields_body import class_key, find_scope

    module = changes.document(files.model, py.PYTHON)
    node = find_scope(module, files.model_class)
    if node is None or not isinstance(node.body, cst.IndentedBlock):
        raise Refused(
            f"{files.model} has no class {files.model_class}; its fields cannot be "
            "managed.",
            "Restore the class, or edit the model by hand.",
        )
    found: dict[str, int | None] = {}
    for stmt in node.body.body:
        key = class_key(stmt)
        if key is not None:
            found[key] = None if key in found else py.line_of(module, stmt)
    return found


def _with_helper(changes: ChangeSet, files: ModuleFiles) -> tuple[str, ...]:
    """The module's test files that have a `sample_fields()` helper."""
    from codemods import python_source as py
    from codemods.fields_body import find_scope
    from codemods.fields_sample import HELPER

    root = changes.root
    return tuple(
        test
        for test in files.tests
        if (root / test).is_file()
        and find_scope(changes.document(test, py.PYTHON), HELPER) is not None
    )


def _marker_repairs(
    changes: ChangeSet, files: ModuleFiles, tests: tuple[str, ...]
) -> list[Wiring[cst.Module]]:
    """Markers of bodies generated before templates carried them (kept afterwards)."""
    from codemods import python_source as py
    from codemods.fields_body import RestoreFieldsMarker
    from codemods.fields_sample import HELPER

    repairs: list[Wiring[cst.Module]] = []
    for path, scope in marker_scopes(files):
        if scope == HELPER and path not in tests:
            continue
        operation = RestoreFieldsMarker(path, scope)
        document = changes.document(path, py.PYTHON)
        if operation.observe(document).presence.value == "absent":
            repairs.append(operation)
    return repairs


def _rehash(state: ProjectState, changes: ChangeSet, module: str) -> None:
    """Re-record the hashes of touched files that were unedited before."""
    from codemods.lockfile import LOCK_PATH, GeneratedFiles, content_hash
    from codemods.lockfile import recorded_files as lock_files

    recorded = lock_files(state.lock, "modules", module)
    if not recorded:
        return
    updated = dict(recorded)
    for change in changes.changes():
        path = change.path
        if (
            path in recorded
            and change.old is not None
            and change.new is not None
            and content_hash(change.old) == recorded[path]
        ):
            updated[path] = content_hash(change.new)
    if updated == recorded:
        return
    entry = state.lock["modules"][module]
    notes = tuple(
        (str(key), str(value))
        for key, value in entry.items()
        if key not in ("files", "template", "polepos")
    )
    changes.apply(
        LOCK_PATH,
        [
            GeneratedFiles(
                section="modules",
                owner=module,
                files=tuple(sorted(updated.items())),
                template=str(entry.get("template", "")),
                version=str(entry.get("polepos", "")),
                notes=notes,
            )
        ],
    )


def _parse_specs(raw_specs: list[str]) -> tuple[FieldSpec, ...]:
    from codemods.fields_spec import FieldSpecError, parse_field_spec

    if not raw_specs:
        raise InvalidInput("no field given.", "Write name:type, e.g. email:str:unique.")
    specs = []
    for raw in raw_specs:
        try:
            specs.append(parse_field_spec(raw))
        except FieldSpecError as error:
            raise InvalidInput(f"{error}.") from None
    names = [spec.name for spec in specs]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidInput(f"field {twice[0]!r} is given twice.", "Give it once.")
    return tuple(specs)


def plan_add_fields(
    state: ProjectState, module: str, raw_specs: list[str]
) -> FieldPlan:
    """One change set adding every field to `module`, or a refusal."""
    from codemods.fields_manifest import ManifestFields, join_specs

    specs = _parse_specs(raw_specs)
    template = _template_of(state, module)
    project = state.project
    if project.db == "none":
        raise Refused("this project has no database (--db none), so no models.")
    changes = ChangeSet(project.root)
    files = module_files(project.layout, module, template)
    recorded = recorded_specs(changes, module)
    on_model = _model_fields(changes, files)
    for spec in specs:
        if spec.name in on_model:
            line = on_model[spec.name]
            where = f"{files.model}:{line}" if line else files.model
            raise Refused(
                f"field {spec.name!r} already exists on {files.model_class} "
                f"({where}); nothing changed.",
                "Choose another name, or remove the field first.",
            )
    tests = _with_helper(changes, files)
    operations: list[Wiring[cst.Module]] = _marker_repairs(changes, files, tests)
    for spec in specs:
        operations += field_operations(project.package, files, spec, tests)
    changes.wire(operations)
    changes.wire(
        [ManifestFields(module, join_specs(recorded), join_specs(recorded + specs))]
    )
    _rehash(state, changes, module)
    untested = tuple(test for test in files.tests if test not in tests)
    return FieldPlan(changes, module, template, specs, untested)


def plan_remove_fields(state: ProjectState, module: str, names: list[str]) -> FieldPlan:
    """One change set removing recorded fields of `module`: the exact inverse of add."""
    from codemods.fields_manifest import ManifestFields, join_specs

    if not names:
        raise InvalidInput("no field given.", "Name the fields to remove, e.g. email.")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InvalidInput(f"field {twice[0]!r} is given twice.", "Give it once.")
    template = _template_of(state, module)
    project = state.project
    changes = ChangeSet(project.root)
    files = module_files(project.layout, module, template)
    recorded = recorded_specs(changes, module)
    by_name = {spec.name: spec for spec in recorded}
    for name in names:
        if name in by_name:
            continue
        on_model = _model_fields(changes, files)
        if name in on_model:
            line = on_model[name]
            where = f"{files.model}:{line}" if line else files.model
            raise Refused(
                f"field {name!r} of {module} was not added by 'polepos add field' "
                f"(it is defined in {where}); nothing changed.",
                "Remove it by hand.",
            )
        listed = ", ".join(by_name) or "none"
        raise Refused(
            f"module {module!r} has no field {name!r}; nothing changed.",
            f"Fields added with 'polepos add field': {listed}.",
        )
    tests = _with_helper(changes, files)
    removed = tuple(by_name[name] for name in names)
    operations: list[Wiring[cst.Module]] = []
    for spec in removed:
        operations += field_operations(project.package, files, spec, tests)
    changes.unwire(operations)
    kept = tuple(spec for spec in recorded if spec.name not in names)
    changes.wire([ManifestFields(module, join_specs(recorded), join_specs(kept))])
    _rehash(state, changes, module)
    return FieldPlan(changes, module, template, removed, ())


def recorded_entry(state: ProjectState, module: str) -> list[ManifestFields]:
    """The module's `[fields]` entry as an operation; `remove module` inverts it."""
    # The manifest the state read is the text every plan edits: parsing the file
    # again (tomlkit) cost time growing with the module count, once per owner in
    # `upgrade`.
    value = state.manifest.fields.get(module)
    if not isinstance(value, str):
        return []
    # Only for a module with added fields: most removals never load the field codemods.
    from codemods.fields_manifest import ManifestFields

    return [ManifestFields(module, "", value)]


def recorded_fields_of(state: ProjectState, module: str) -> tuple[FieldSpec, ...]:
    """The module's recorded fields, read from the manifest (empty when none)."""
    from codemods.fields_manifest import parse_recorded
    from codemods.fields_spec import FieldSpecError

    entries = recorded_entry(state, module)
    if not entries:
        return ()
    try:
        return parse_recorded(entries[0].after)
    except FieldSpecError:
        return ()  # `check` reports it (PP284); a render cannot use it


def with_recorded_fields(
    files: dict[str, str],
    layout: Layout,
    module: str,
    template: str,
    specs: tuple[FieldSpec, ...],
) -> dict[str, str]:
    """Rendered module files with the recorded fields, exactly as `add field` made them.

    `polepos upgrade` renders a module's old and new templates; applying the
    fields to both renders keeps a module with added fields "unchanged" where
    only its fields differ from the bare template. `files` are placed in `layout`.
    """
    if not specs or template not in SCHEMA_ROLES:
        return files
    # LibCST only for a module that has fields to put back.
    from codemods import python_source as py
    from codemods.fields_body import RestoreFieldsMarker, find_scope
    from codemods.fields_sample import HELPER

    paths = module_files(layout, module, template)
    documents = {p: py.PYTHON.parse(files[p]) for p in paths.paths if p in files}
    tests = tuple(
        test
        for test in paths.tests
        if test in documents and find_scope(documents[test], HELPER) is not None
    )
    operations: list[Wiring[cst.Module]] = [
        RestoreFieldsMarker(path, scope)
        for path, scope in marker_scopes(paths)
        if path in documents and (scope != HELPER or path in tests)
    ]
    for spec in specs:
        operations += field_operations(layout.package, paths, spec, tests)
    for operation in operations:
        if operation.path in documents:
            documents[operation.path] = operation.apply(documents[operation.path])
    return {**files, **{p: py.PYTHON.render(d) for p, d in documents.items()}}
