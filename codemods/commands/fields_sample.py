"""`fields_sample.AddSampleValue` / `RemoveSampleValue` (`libcst.tool codemod`)."""

from __future__ import annotations

import argparse

from codemods.commands._fields import FieldCommand, field_arguments
from codemods.fields_sample import SampleValue
from codemods.layout import MARKERS


class AddSampleValue(FieldCommand):
    """Add a field's sample value to the tests' `sample_fields()`."""

    DESCRIPTION = f"Add a sample value above `{MARKERS.fields}` in sample_fields()."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package and --field."""
        field_arguments(arg_parser)

    def operation(self, path: str) -> SampleValue:
        """The sample value of the given field."""
        return SampleValue(path, self.arguments["package"], field=self.spec())


class RemoveSampleValue(AddSampleValue):
    """Remove exactly what `AddSampleValue` inserted."""

    DESCRIPTION = "Remove a field's sample value from sample_fields()."
    invert = True
