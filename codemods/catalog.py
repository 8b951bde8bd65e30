"""The names a manifest may record: module templates, their options, integrations.

The one list of them. The manifest reader and writer validate against it, and
the CLI's catalog (`pole_position.cli.services.catalog`) keys what each template
and integration generates by these same names (a test holds the two together).
It lives in the codemod layer because the manifest editors, which run without
the CLI, need it too.
"""

from __future__ import annotations

# Options of the `crud` template, in their canonical (manifest) order.
CRUD_OPTIONS: tuple[str, ...] = (
    "pagination",
    "timestamps",
    "soft-delete",
    "tenant-scoped",
    "auth-required",
)

# Every module template with the options it takes; `starter` is `start`'s own.
TEMPLATE_OPTIONS: dict[str, tuple[str, ...]] = {
    "starter": (),
    "standard": (),
    "crud": CRUD_OPTIONS,
    "ai-prompt": (),
    "api-only": (),
    "service-only": (),
}
TEMPLATES: tuple[str, ...] = tuple(TEMPLATE_OPTIONS)
STARTER_TEMPLATE = "starter"

INTEGRATIONS: tuple[str, ...] = ("kafka", "rabbitmq", "redis", "rq")
