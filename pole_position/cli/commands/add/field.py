"""`polepos add field MODULE SPEC...`: columns, schema fields and test samples.

The arguments live here; what the command does lives in `field_run`, which the
entry point also calls directly for a command line it parses itself (no Typer).
"""

import typer

from pole_position.cli.commands.add.field_run import run_add_field
from pole_position.cli.commands.options import Diff, Quiet, Trace

EPILOG = """\b
SPEC is name:type[:modifier...]
  types:     str (255), text, int, bigint, float, decimal, bool, date,
             datetime, uuid, json
  modifiers: optional, unique, index
\b
Examples:
  polepos add field customers email:str:unique
  polepos add field customers phone:str:optional visits:int:index
  polepos add field orders total:decimal placed_on:date --diff"""


def complete_module(incomplete: str) -> list[str]:
    """Recorded modules with a model (for shell completion)."""
    try:
        from codemods.manifest import parse_module_template
        from pole_position.cli.services.plans.field.operations import SCHEMA_ROLES
        from pole_position.cli.services.project.locate import locate_project
        from pole_position.cli.services.project.state import load_state

        modules = load_state(locate_project()).modules
    except Exception:  # completion must never fail loudly
        return []
    return sorted(
        name
        for name, value in modules.items()
        if name.startswith(incomplete)
        and parse_module_template(value)[0] in SCHEMA_ROLES
    )


def add_field(
    module: str = typer.Argument(
        ..., help="Module name, e.g. customers.", autocompletion=complete_module
    ),
    specs: list[str] = typer.Argument(
        ..., help="Fields as name:type[:modifier...], e.g. email:str:unique."
    ),
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Add fields to a module's model, schemas and generated tests."""
    run_add_field(module, specs, trace=trace, diff=diff, quiet=quiet)


def register(group: typer.Typer) -> None:
    """Add the command to the `add` group."""
    group.command("field", epilog=EPILOG)(add_field)
