"""The order in which the upgrade wires a merged managed file again.

`generated_owners` lists owners by kind (modules, integrations, auth, the LLM
scaffold), not in the order the user ran `add`. Most wiring lands at a marker,
where that makes no difference, but a `Dependency` appends its requirement to
`[project].dependencies`: wired again in owner order, the ai-prompt module's
`httpx` would move below auth's and the integrations' requirements whenever a
template change to `pyproject.toml` makes the upgrade rewrite the file. So the
requirements are applied again in the order the project lists them.
"""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring

PYPROJECT = "pyproject.toml"


def in_project_order(wiring: list[AnyWiring], ours: str) -> list[AnyWiring]:
    """`wiring` with its dependencies in the order `ours` lists them (new ones last)."""
    if not any(operation.path == PYPROJECT for operation in wiring):
        return wiring
    # Loaded already: the owners built their dependency wiring with it.
    from codemods.dependency import Dependency

    requirements = [op for op in wiring if isinstance(op, Dependency)]
    listed = _listed_dependencies(ours)
    if len(requirements) < 2 or not listed:
        return wiring

    def position(operation: Dependency) -> int:
        # invert removes only an identical string, so only that one is "ours".
        requirement = operation.requirement
        return listed.index(requirement) if requirement in listed else len(listed)

    ordered = iter(sorted(requirements, key=position))
    return [next(ordered) if isinstance(op, Dependency) else op for op in wiring]


def _listed_dependencies(text: str) -> list[str]:
    """The strings of `[project].dependencies` in `text` (none if it does not parse)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    project = data.get("project")
    listed = project.get("dependencies") if isinstance(project, dict) else None
    if not isinstance(listed, list):
        return []
    return [entry for entry in listed if isinstance(entry, str)]
