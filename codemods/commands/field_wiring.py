"""Field codemods for `python -m libcst.tool codemod`.

    python -m libcst.tool codemod fields_model.AddModelColumn \\
        --package shop_api --model-class Customer --field email:str:unique \\
        src/shop_api/modules/customers/model.py

`fields_schema.AddSchemaField` takes `--role create|update|read` as well;
`fields_sample.AddSampleValue` needs only `--package` and `--field`. Each
`Remove...` command is the exact inverse of its `Add...`.
"""

from __future__ import annotations

import argparse

from codemods.commands._base import OperationCommand, add_identifier
from codemods.fields_model import ModelColumn
from codemods.fields_sample import SampleValue
from codemods.fields_schema import SUFFIXES, SchemaField
from codemods.fields_spec import FieldSpec, parse_field_spec
from codemods.layout import MARKERS


def _field_arguments(parser: argparse.ArgumentParser) -> None:
    add_identifier(parser, "--package", "import package, e.g. shop_api")
    parser.add_argument(
        "--field",
        dest="field",
        required=True,
        help="the field as name:type[:modifier...], e.g. email:str:unique",
    )


class _FieldCommand(OperationCommand):
    def spec(self) -> FieldSpec:
        """The parsed `--field`."""
        return parse_field_spec(self.arguments["field"])


class AddModelColumn(_FieldCommand):
    """Add a field's `Mapped[...] = mapped_column(...)` to a model class."""

    DESCRIPTION = f"Add a field's column above `{MARKERS.fields}` in a model class."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package, --model-class and --field."""
        _field_arguments(arg_parser)
        add_identifier(arg_parser, "--model-class", "the model class, e.g. Customer")

    def operation(self, path: str) -> ModelColumn:
        """The column of the given field."""
        return ModelColumn(
            path,
            self.arguments["package"],
            model_class=self.arguments["model_class"],
            field=self.spec(),
        )


class RemoveModelColumn(AddModelColumn):
    """Remove exactly what `AddModelColumn` inserted."""

    DESCRIPTION = "Remove a field's column from a model class."
    invert = True


class AddSchemaField(_FieldCommand):
    """Add a field to a `<Model>Create`, `<Model>Update` or `<Model>Read` schema."""

    DESCRIPTION = f"Add a field above `{MARKERS.fields}` in a pydantic schema."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package, --model-class, --role and --field."""
        _field_arguments(arg_parser)
        add_identifier(arg_parser, "--model-class", "the model class, e.g. Customer")
        arg_parser.add_argument(
            "--role", dest="role", required=True, choices=sorted(SUFFIXES)
        )

    def operation(self, path: str) -> SchemaField:
        """The schema field of the given field and role."""
        return SchemaField(
            path,
            self.arguments["package"],
            model_class=self.arguments["model_class"],
            role=self.arguments["role"],
            field=self.spec(),
        )


class RemoveSchemaField(AddSchemaField):
    """Remove exactly what `AddSchemaField` inserted."""

    DESCRIPTION = "Remove a field from a pydantic schema."
    invert = True


class AddSampleValue(_FieldCommand):
    """Add a field's sample value to the tests' `sample_fields()`."""

    DESCRIPTION = f"Add a sample value above `{MARKERS.fields}` in sample_fields()."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package and --field."""
        _field_arguments(arg_parser)

    def operation(self, path: str) -> SampleValue:
        """The sample value of the given field."""
        return SampleValue(path, self.arguments["package"], field=self.spec())


class RemoveSampleValue(AddSampleValue):
    """Remove exactly what `AddSampleValue` inserted."""

    DESCRIPTION = "Remove a field's sample value from sample_fields()."
    invert = True
