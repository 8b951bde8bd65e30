"""`polepos remove field MODULE NAME...`: the exact inverse of `add field`.

The arguments live here; what the command does lives in `field_run`, which the
entry point also calls directly for a command line it parses itself (no Typer).
"""

import typer

from pole_position.cli.commands.add.field import complete_module
from pole_position.cli.commands.options import Diff, Quiet, Trace
from pole_position.cli.commands.remove.field_run import run_remove_field

EPILOG = """\b
Examples:
  polepos remove field customers phone
  polepos remove field customers email visits --diff"""


def complete_field(ctx: typer.Context, incomplete: str) -> list[str]:
    """The recorded fields of the module already on the command line."""
    try:
        from codemods.encoding import read_utf8, strip_bom
        from codemods.fields_manifest import recorded_fields
        from codemods.manifest import MANIFEST_PATH
        from pole_position.cli.services.project.locate import locate_project

        module = ctx.params.get("module") or ""
        text = read_utf8(locate_project().root / MANIFEST_PATH)
        import tomlkit

        value = recorded_fields(tomlkit.parse(strip_bom(text))).get(module, "")
        names = [spec.split(":")[0] for spec in str(value).split()]
    except Exception:  # completion must never fail loudly
        return []
    chosen = set(ctx.params.get("names") or ())
    return [n for n in names if n.startswith(incomplete) and n not in chosen]


def remove_field(
    module: str = typer.Argument(
        ..., help="Module name, e.g. customers.", autocompletion=complete_module
    ),
    names: list[str] = typer.Argument(
        ...,
        help="Names of fields added with 'polepos add field'.",
        autocompletion=complete_field,
    ),
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Remove fields 'polepos add field' added: the exact inverse."""
    run_remove_field(module, names, trace=trace, diff=diff, quiet=quiet)


def register(group: typer.Typer) -> None:
    """Add the command to the `remove` group."""
    group.command("field", epilog=EPILOG)(remove_field)
