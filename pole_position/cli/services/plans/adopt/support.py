"""What generated code imports from a project `polepos start` made, per template.

An adopted project has its own database session, error handling and auth, not
the generated ones, so a template whose code imports them would be generated
broken. Such a template is refused in an adopted layout, naming the first
missing file; `api-only` modules and the integrations need none of them.
"""

from __future__ import annotations

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.locate import Project

_DB_MODULE = ("api/deps.py", "db/base.py", "domain/exceptions.py")
NEEDS: dict[str, tuple[str, ...]] = {
    "standard": _DB_MODULE,
    "crud": _DB_MODULE,
    "service-only": ("db/base.py", "db/session.py", "domain/exceptions.py"),
    "ai-prompt": ("app.py", "bootstrap/logging.py"),
    "auth": (
        *_DB_MODULE,
        "app.py",
        "db/session.py",
        "auth/dependencies.py",
        "auth/principal.py",
        "auth/tokens.py",
    ),
}


def refuse_without_support(project: Project, what: str, key: str) -> None:
    """Refuse `what` in an adopted layout that lacks the files its code imports."""
    layout = project.layout
    if layout.is_default:
        return
    for relative in NEEDS.get(key, ()):
        path = layout.package_path(*relative.split("/"))
        if not (project.root / path).is_file():
            raise Refused(
                f"{what} imports {path}, which this adopted project does not have "
                "(it belongs to projects 'polepos start' creates); nothing changed.",
                "Use 'polepos add module NAME --template api-only', or wire it by "
                "hand.",
            )
