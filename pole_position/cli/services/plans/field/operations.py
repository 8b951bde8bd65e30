"""The codemod operations of one module's fields, file by file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codemods.fields_body import FieldLine
    from codemods.fields_spec import FieldSpec
    from codemods.layout import Layout

# The schema classes of each template with a model (service-only has none).
SCHEMA_ROLES: dict[str, tuple[str, ...]] = {
    "crud": ("create", "update", "read"),
    "standard": ("create", "read"),
    "service-only": (),
}
# The generated tests whose `sample_fields()` feeds every row they create.
SAMPLE_TESTS: dict[str, tuple[str, ...]] = {
    "crud": ("integration/test_{m}_api.py", "unit/test_{m}_service.py"),
    "standard": ("integration/test_{m}_api.py", "unit/test_{m}_service.py"),
    "service-only": ("integration/test_{m}_persistence.py",),
}


@dataclass(frozen=True)
class ModuleFiles:
    """Where one module's fields live."""

    template: str
    model_class: str
    model: str
    schemas: str
    tests: tuple[str, ...]

    @property
    def paths(self) -> tuple[str, ...]:
        """Every file a field touches (schemas only where the template has them)."""
        schemas = (self.schemas,) if SCHEMA_ROLES[self.template] else ()
        return (self.model, *schemas, *self.tests)


def module_files(layout: Layout | str, module: str, template: str) -> ModuleFiles:
    """The files of `module` generated from `template` (one with a model); a bare
    package name stands for the generated layout."""
    from codemods.layout import Layout
    from pole_position.cli.services.naming.inflection import module_names

    if isinstance(layout, str):
        layout = Layout.default(layout)
    folder = layout.module_dir(module)
    return ModuleFiles(
        template=template,
        model_class=module_names(module).model_class,
        model=f"{folder}/model.py",
        schemas=f"{folder}/schemas.py",
        tests=tuple(
            f"{layout.tests_dir}/" + test.format(m=module)
            for test in SAMPLE_TESTS[template]
        ),
    )


def marker_scopes(files: ModuleFiles) -> list[tuple[str, str]]:
    """`(path, scope)` of every body that must carry `# polepos:fields`."""
    from codemods.fields_sample import HELPER
    from codemods.fields_schema import SUFFIXES

    scopes = [(files.model, files.model_class)]
    scopes += [
        (files.schemas, files.model_class + SUFFIXES[role])
        for role in SCHEMA_ROLES[files.template]
    ]
    scopes += [(test, HELPER) for test in files.tests]
    return scopes


def field_operations(
    package: str, files: ModuleFiles, spec: FieldSpec, samples: tuple[str, ...]
) -> list[FieldLine]:
    """Model column, schema fields and sample values of one field.

    `samples` names the test files that have a `sample_fields()` helper; tests
    generated before the helper existed get no sample line.
    """
    from codemods.fields_model import ModelColumn
    from codemods.fields_sample import SampleValue
    from codemods.fields_schema import SchemaField

    operations: list[FieldLine] = [
        ModelColumn(files.model, package, model_class=files.model_class, field=spec)
    ]
    operations += [
        SchemaField(
            files.schemas,
            package,
            model_class=files.model_class,
            role=role,
            field=spec,
        )
        for role in SCHEMA_ROLES[files.template]
    ]
    native = not SCHEMA_ROLES[files.template]  # rows built without a schema
    operations += [
        SampleValue(test, package, field=spec, native=native) for test in samples
    ]
    return operations
