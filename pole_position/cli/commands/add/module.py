"""`polepos add module NAME`: a feature module from a template, wired by codemods."""

import typer

from pole_position.cli import output
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
    from pole_position.cli.commands.plan_output import show_or_commit
    from pole_position.cli.services.environment.sync import sync_environment
    from pole_position.cli.services.plans.module.add import (
        plan_add_modules,
        resolve_request,
    )
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    flags = {
        "pagination": pagination,
        "timestamps": timestamps,
        "soft-delete": soft_delete,
        "tenant-scoped": tenant_scoped,
        "auth-required": auth_required,
    }
    requests = [
        resolve_request(
            name,
            template,
            api_only=api_only,
            service_only=service_only,
            options=tuple(option for option, on in flags.items() if on),
        )
        for name in names
    ]
    state = load_state(locate_project())
    changes = plan_add_modules(state, requests)
    committed = show_or_commit(changes, trace=trace, diff=diff, quiet=quiet)
    if committed is None:
        return
    for name, request in zip(names, requests, strict=True):
        if request.name != name:
            output.info(f"Module name {name!r} normalised to {request.name!r}.")
        output.success(f"Added module {request.name} ({request.manifest_value}).")
        if request.spec.has_router:
            output.info(f"Routes: /api/v1/{request.name}/")
    if requests[0].spec.needs_database:
        added = " ".join(request.name for request in requests)
        output.info(f"Next: polepos db revision -m 'add {added}' && polepos db upgrade")
    sync_environment(changes.root, committed, install=not no_install)


def register(group: typer.Typer) -> None:
    """Add the command to the `add` group."""
    group.command("module", epilog=EPILOG)(add_module)
