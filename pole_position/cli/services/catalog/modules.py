"""What each module template generates and needs: read by add, remove and check."""

from __future__ import annotations

from dataclasses import dataclass

from codemods.catalog import CRUD_OPTIONS as CRUD_OPTIONS  # the one list
from codemods.catalog import STARTER_TEMPLATE, TEMPLATE_OPTIONS


@dataclass(frozen=True)
class TemplateSpec:
    """One module template's shape."""

    name: str
    has_router: bool
    has_model: bool
    uses_llm: bool = False
    options: tuple[str, ...] = ()
    # Whether the API router file includes the router (managed wiring); the
    # starter's route is registered by `create_app` on the app itself instead.
    router_in_api: bool = True

    @property
    def needs_database(self) -> bool:
        """Whether the template only makes sense in a project with a database."""
        return self.has_model


TEMPLATES: dict[str, TemplateSpec] = {
    spec.name: spec
    for spec in (
        TemplateSpec("standard", has_router=True, has_model=True),
        TemplateSpec(
            "crud", has_router=True, has_model=True, options=TEMPLATE_OPTIONS["crud"]
        ),
        TemplateSpec("ai-prompt", has_router=True, has_model=False, uses_llm=True),
        TemplateSpec("api-only", has_router=True, has_model=False),
        TemplateSpec("service-only", has_router=False, has_model=True),
    )
}

# The starter module `start` wires (its export only: `create_app` serves its
# route); it cannot be added or removed by name.
STARTER = TemplateSpec(
    STARTER_TEMPLATE, has_router=True, has_model=False, router_in_api=False
)
STARTER_MODULE = "status"


# Names module templates import: a module whose model class would be called
# one of these (`sessions` → `Session`) would shadow the import.
IMPORTED_NAMES = frozenset(
    {
        "APIRouter",
        "Annotated",
        "Base",
        "BaseModel",
        "ConfigDict",
        "CurrentUser",
        "DateTime",
        "Depends",
        "Field",
        "Forbidden",
        "HTTPException",
        "LLMError",
        "LLMNotConfiguredError",
        "LLMProvider",
        "LLMProviderDep",
        "Lock",
        "Mapped",
        "NotFoundError",
        "Principal",
        "Query",
        "Select",
        "Service",
        "Session",
        "SessionDep",
        "Settings",
        "String",
        "Text",
        "UTC",
        "ValidationFailed",
    }
)


def template_spec(name: str) -> TemplateSpec | None:
    """The spec of a template name as recorded in the manifest (`starter` included)."""
    return STARTER if name == STARTER.name else TEMPLATES.get(name)


def option_flags(options: tuple[str, ...]) -> dict[str, bool]:
    """CRUD options as Jinja2 booleans (`soft-delete` → `soft_delete`)."""
    return {option.replace("-", "_"): option in options for option in CRUD_OPTIONS}
