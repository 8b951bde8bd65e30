"""`polepos add module NAME`: a feature module from a template, wired by codemods.

The options live here; what the command does lives in `module_run`, which the
entry point also calls directly for a command line it parses itself (no Typer).
"""

import typer

from pole_position.cli.commands.add.module_run import run_add_module
from pole_position.cli.commands.options import Diff, NoInstall, Quiet, Trace

EPILOG = """\b
Templates: standard (default), crud, ai-prompt, api-only, service-only.
\b
Examples:
  polepos add module customers
  polepos add module invoices payments refunds   # one change set
  polepos add module orders --template crud --pagination --timestamps
  polepos add module assistant --template ai-prompt
  polepos add module health --api-only --trace"""


def _complete_template(incomplete: str) -> list[str]:
    from pole_position.cli.services.catalog.modules import TEMPLATES

    return [name for name in TEMPLATES if name.startswith(incomplete)]


def add_module(
    names: list[str] = typer.Argument(
        ...,
        metavar="NAME...",
        help="Module names, e.g. customers; normalised (Garage-Two: garage_two); "
        "at most 64 characters. Several names are added in one change set, "
        "with the same template and options.",
    ),
    template: str = typer.Option(
        None,
        "--template",
        "-t",
        help="standard, crud, ai-prompt, api-only or service-only.",
        autocompletion=_complete_template,
    ),
    api_only: bool = typer.Option(
        False, "--api-only", help="Same as --template api-only."
    ),
    service_only: bool = typer.Option(
        False, "--service-only", help="Same as --template service-only."
    ),
    pagination: bool = typer.Option(
        False, "--pagination", help="crud: limit/offset pages."
    ),
    timestamps: bool = typer.Option(
        False, "--timestamps", help="crud: created/updated at."
    ),
    soft_delete: bool = typer.Option(False, "--soft-delete", help="crud: deleted_at."),
    tenant_scoped: bool = typer.Option(
        False, "--tenant-scoped", help="crud: rows belong to the caller's tenant."
    ),
    auth_required: bool = typer.Option(
        False, "--auth-required", help="crud: every route needs a bearer token."
    ),
    no_install: NoInstall = False,
    trace: Trace = False,
    diff: Diff = False,
    quiet: Quiet = False,
) -> None:
    """Add feature modules generated from a template."""
    run_add_module(
        names,
        template=template,
        api_only=api_only,
        service_only=service_only,
        pagination=pagination,
        timestamps=timestamps,
        soft_delete=soft_delete,
        tenant_scoped=tenant_scoped,
        auth_required=auth_required,
        no_install=no_install,
        trace=trace,
        diff=diff,
        quiet=quiet,
    )


def register(group: typer.Typer) -> None:
    """Add the command to the `add` group."""
    group.command("module", epilog=EPILOG)(add_module)
