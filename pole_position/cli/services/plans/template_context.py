"""What every template may ask of a project's layout (modules and features alike).

Its own module so `add module` renders without importing the feature planner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from codemods.layout import Layout


def layout_context(layout: Layout) -> dict[str, object]:
    """What templates may ask of the layout: dotted names of its packages and of
    the modules generated code imports its base, session and errors from."""
    return {
        # An adopted project lacks what `start` generates (app factory, logging,
        # JWT foundation): templates then build on the support package instead.
        "adopted": not layout.is_default,
        "modules_package": layout.modules_package,
        "integrations_package": layout.integrations_package,
        "declarative_base": layout.declarative_base or "",
        **layout.imports_context(),
    }
