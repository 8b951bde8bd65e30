"""What the field codemods for `python -m libcst.tool codemod` share.

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
from codemods.fields_spec import FieldSpec, parse_field_spec


def field_arguments(parser: argparse.ArgumentParser) -> None:
    add_identifier(parser, "--package", "import package, e.g. shop_api")
    parser.add_argument(
        "--field",
        dest="field",
        required=True,
        help="the field as name:type[:modifier...], e.g. email:str:unique",
    )


class FieldCommand(OperationCommand):
    """A command over one `--field` of one module."""

    def spec(self) -> FieldSpec:
        """The parsed `--field`."""
        return parse_field_spec(self.arguments["field"])
