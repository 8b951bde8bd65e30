"""The one wrapper shape shared by every command: build an operation, run a face."""

from __future__ import annotations

import abc
import argparse
from typing import Any

import libcst as cst
from libcst.codemod import CodemodCommand, CodemodContext, SkipFile

from codemods import Reversible, WiringError


class OperationCommand(CodemodCommand):
    """Runs `apply` (or `invert`) of one operation over each file the tool hands in."""

    invert: bool = False

    # argparse values: strings, and lists of strings for repeated options.
    def __init__(self, context: CodemodContext, **arguments: Any) -> None:
        super().__init__(context)
        self.arguments = arguments

    @abc.abstractmethod
    def operation(self, path: str) -> Reversible[cst.Module]:
        """The operation for the file at `path` (relative as the tool gave it)."""

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        """Apply or invert the operation; unchanged files are reported as skipped."""
        operation = self.operation(self.context.filename or "<stdin>")
        try:
            result: cst.Module = (
                operation.invert(tree) if self.invert else operation.apply(tree)
            )
        except WiringError as error:
            # The tool prints the exception of a failed file; keep it one clear line.
            raise RuntimeError(error.message) from None
        if result.code == tree.code:
            raise SkipFile("already wired" if not self.invert else "nothing to remove")
        return result


def add_identifier(parser: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    """A required string option."""
    parser.add_argument(
        flag, dest=flag.lstrip("-").replace("-", "_"), required=True, help=help_text
    )
