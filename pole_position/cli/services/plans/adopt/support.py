"""What generated code needs from a project `polepos start` did not make.

An adopted project has its own database session, error handling and auth, not
the generated ones. When it has a declarative base, adopt writes a small support
package (`Layout.support_dir`) on it: `crud`, `standard`, `service-only` and
`add auth` build on that package, and are refused without it. `ai-prompt` and
`api-only` need no database. `add auth` is also refused when the project has
authentication of its own (`own_auth.py` lists the signals), and the module
options that build on the generated JWT foundation are refused.
"""

from __future__ import annotations

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.locate import Project

_DB_MODULE = ("api/deps.py", "db/base.py", "domain/exceptions.py")
# What each template needing a database imports in a project `start` made; a
# non-default layout of such a project (no support package) may still hold them.
NEEDS_DATABASE: dict[str, tuple[str, ...]] = {
    "standard": _DB_MODULE,
    "crud": _DB_MODULE,
    "service-only": ("db/base.py", "db/session.py", "domain/exceptions.py"),
}


def refuse_without_support(project: Project, what: str, key: str) -> None:
    """Refuse `what` in an adopted layout that lacks the database it builds on."""
    layout = project.layout
    if layout.is_default or layout.support_dir is not None:
        return
    if key == "auth":
        raise Refused(
            "auth stores its users in the database, and 'polepos adopt' found no "
            "declarative base in this project; nothing changed.",
            "Give the project a SQLAlchemy declarative base, then run "
            "'polepos adopt --undo' and 'polepos adopt' again.",
        )
    needs = NEEDS_DATABASE.get(key)
    if needs is None or all(
        (project.root / layout.package_path(*relative.split("/"))).is_file()
        for relative in needs
    ):
        return
    raise Refused(
        f"{what} needs a database, and 'polepos adopt' found no "
        "declarative base in this project; nothing changed.",
        "Use 'polepos add module NAME --template api-only'.",
    )


def refuse_own_auth(project: Project) -> None:
    """Refuse `add auth` in an adopted project that authenticates on its own."""
    from pole_position.cli.services.plans.adopt.own_auth import own_auth

    if project.layout.is_default:
        return
    found = own_auth(project.root, project.layout)
    if found is not None:
        raise Refused(
            f"cannot add auth: this project has authentication of its own ({found}), "
            "and a second users workflow would conflict with it; nothing changed.",
            "Keep the project's own auth, or remove it before 'polepos add auth'.",
        )


# Module options whose code builds on the JWT foundation `polepos start` generates
# (`CurrentUser` in `api/deps.py`, the `auth_headers` test fixture).
AUTH_OPTIONS = ("auth-required", "tenant-scoped")


def refuse_auth_options(
    project: Project, module: str, options: tuple[str, ...]
) -> None:
    """Refuse `--auth-required`/`--tenant-scoped` in an adopted layout."""
    if project.layout.is_default:
        return
    for option in options:
        if option in AUTH_OPTIONS:
            raise Refused(
                f"--{option} builds on the JWT foundation of projects 'polepos start' "
                "creates, which this adopted project does not have; nothing changed.",
                f"Add module {module} without --{option}, then protect its routes "
                "with the project's own auth (or CurrentUser from the auth module).",
            )
