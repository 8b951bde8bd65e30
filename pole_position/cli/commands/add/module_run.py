"""What `polepos add module` does once its options are parsed, without Typer.

Two callers share it: the Typer command (`module.py`) and the entry point's
direct path (`pole_position.cli.direct`), which runs a well-formed command line
without importing Typer at all. So this module imports nothing from Typer or
click (tests/cli/test_import_budget.py).
"""

from pole_position.cli import output


def run_add_module(
    names: list[str],
    *,
    template: str | None = None,
    api_only: bool = False,
    service_only: bool = False,
    pagination: bool = False,
    timestamps: bool = False,
    soft_delete: bool = False,
    tenant_scoped: bool = False,
    auth_required: bool = False,
    no_install: bool = False,
    trace: bool = False,
    diff: bool = False,
    quiet: bool = False,
) -> None:
    """Add feature modules generated from a template, in one change set."""
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
