"""Fields recorded under `[fields]` against the code (PP280-PP284).

Each recorded field must be on the model, in every schema and in the tests'
`sample_fields()` exactly as `polepos add field` wrote it; each body must
keep its `# polepos:fields` marker; each `[fields]` entry must name a
recorded module with a model and hold valid specs. A project without
`[fields]` costs one dictionary lookup.
"""

from __future__ import annotations

from codemods import Presence, codes
from codemods.layout import MANIFEST_FILE
from pole_position.cli.services.check.context import CheckContext, Repair

MANIFEST = MANIFEST_FILE


def check_fields(context: CheckContext) -> None:
    """Report drift between `[fields]` and the code, with repairs where mechanical."""
    if context.manifest is None:
        return
    # Most projects record no fields: remember that per manifest content, so a
    # warm run skips the tomlkit parse (and the imports) that find out.
    if not context.remember(
        "has-fields", [MANIFEST], None, lambda: bool(_recorded(context))
    ):
        return
    from codemods.fields_manifest import ManifestFields
    from codemods.manifest_model import parse_module_template
    from codemods.toml_source import line_of_key
    from pole_position.cli.services.plans.field.operations import SCHEMA_ROLES

    entries = _recorded(context)
    if not entries:
        return
    text = context.files.text(MANIFEST) or ""
    for module, value in entries.items():
        line = line_of_key(text, "fields", module)
        recorded = context.modules.get(module)
        template = parse_module_template(recorded)[0] if recorded else None
        if template not in SCHEMA_ROLES:
            what = f"a {template} module without a model" if template else "unknown"
            finding = codes.FIELDS_UNKNOWN_MODULE.finding(
                f"{MANIFEST}: [fields] records fields of module {module!r} ({what})",
                "Run `polepos check --fix` to drop the entry.",
                MANIFEST,
                line,
                fixable=isinstance(value, str),
            )
            repair = None
            if isinstance(value, str):
                drop = ManifestFields(module, str(value), "")
                repair = Repair(f"dropped [fields] {module}", (drop,))
            context.report(finding, repair)
            continue
        _check_module(context, module, str(template), value, line)


def _recorded(context: CheckContext) -> dict[str, object]:
    """`{module: value}` of the manifest's `[fields]`, as `recorded_fields` gives it."""
    plain = context.files.plain_toml(MANIFEST)
    if plain is not None:
        # The plain shape holds only strings and booleans: already unwrapped.
        return dict(plain.data().get("fields", {}))
    from codemods.fields_manifest import recorded_fields
    from codemods.toml_source import TOML_FORMAT

    document = context.files.document(MANIFEST, TOML_FORMAT, quiet=True)
    return dict(recorded_fields(document)) if document is not None else {}


def _check_module(
    context: CheckContext, module: str, template: str, value: object, line: int | None
) -> None:
    from codemods import python_source as py
    from codemods.fields_body import RestoreFieldsMarker, find_scope
    from codemods.fields_manifest import parse_recorded
    from codemods.fields_sample import HELPER
    from codemods.fields_spec import FieldSpecError
    from pole_position.cli.services.plans.field.operations import (
        field_operations,
        marker_scopes,
        module_files,
    )

    try:
        specs = parse_recorded(value)
    except FieldSpecError as error:
        context.report(
            codes.FIELDS_INVALID.finding(
                f"{MANIFEST}: [fields] {module} is not valid: {error}",
                "Write the specs as `name:type[:modifier...]`, separated by spaces.",
                MANIFEST,
                line,
            )
        )
        return
    files = module_files(context.layout, module, template)
    documents = {path: context.files.document(path, py.PYTHON) for path in files.paths}
    tests = tuple(
        test
        for test, document in documents.items()
        if test in files.tests
        and document is not None
        and find_scope(document, HELPER) is not None
    )
    usable: set[str] = set()
    for path, scope in marker_scopes(files):
        document = documents.get(path)
        if document is None or (scope == HELPER and path not in tests):
            continue
        if find_scope(document, scope) is None:
            continue
        usable.add(f"{path}::{scope}")
        restore = RestoreFieldsMarker(path, scope)
        for finding in restore.check(document):
            context.report(
                finding, Repair(f"restored {restore.path} {scope} marker", (restore,))
            )
    for spec in specs:
        for operation in field_operations(context.package, files, spec, tests):
            document = documents.get(operation.path)
            if document is None:
                continue  # a missing file is reported by the lifecycle layer
            observation = operation.observe(document)
            if observation.presence is Presence.PRESENT:
                continue
            repairable = (
                observation.presence is Presence.ABSENT
                and f"{operation.path}::{operation.scope}" in usable
            )
            for finding in operation.check(document):
                if not repairable and finding.fixable:
                    finding = codes.FIELD_MISSING.finding(
                        finding.message,
                        f"Restore `{operation.scope}` in {operation.path}, then run "
                        "`polepos check --fix`.",
                        finding.path,
                        finding.line,
                        fixable=False,
                    )
                context.report(
                    finding,
                    Repair(
                        f"re-added field {spec.name} to {operation.scope} "
                        f"({operation.path})",
                        (operation,),
                    ),
                )
