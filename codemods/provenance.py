"""Ownership by provenance: a line is managed only when PolePosition wrote it.

The rule (docs/managed-blocks.md, "Provenance"): a managed line is a line of the
canonical shape for a module or feature *recorded in the manifest*, inside the
managed block of its marker. `add` refuses when anything of the new wiring
already exists, i.e. when any line of its shape is present or any name it binds
is already bound (`claim_errors`). So when the tool writes a canonical line it is
the only one of its kind, and a canonical line for a recorded name can only be
one the tool wrote. Every wiring kind reports its collisions through
`collisions(document, fresh=...)`:

* `fresh=True` (before `add`): nothing is the tool's yet, so every existing line
  of the wiring's shape and every binding of its names collides;
* `fresh=False` (`check`, `check --fix`, `remove`): bindings outside the managed
  lines collide; `apply` refuses on them and `check` reports them as PP270.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol, runtime_checkable

from codemods import codes
from codemods._core import D, Edit, Finding, WiringError


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Collision(NamedTuple):
    """One line that already binds or writes something a wiring needs."""

    line: int | None
    name: str
    detail: str

    def message(self, owner: str) -> str:
        """One sentence naming the name and why it collides (the path and line
        are printed in front of it)."""
        return f"`{self.name}`, which {owner} needs, is already {self.detail}"


def collision_error(path: str, owner: str, collision: Collision) -> WiringError:
    """The refusal for a collision (the caller prefixes the path)."""
    return WiringError(
        collision.message(owner)
        + " by code PolePosition did not write; rename or remove that code",
        path=path,
        line=collision.line,
    )


def collision_findings(
    path: str, owner: str, collisions: Sequence[Collision]
) -> list[Finding]:
    """PP270 for each collision found by `check`."""
    return [
        codes.NAME_COLLISION.finding(
            collision.message(owner) + " by code PolePosition did not write",
            "Rename or remove the other binding; one of them shadows the other.",
            path,
            collision.line,
        )
        for collision in sorted(set(collisions))
    ]


@runtime_checkable
class Claiming(Edit[D], Protocol[D]):
    """Wiring that binds names or writes lines something else may already hold."""

    @property
    def owner(self) -> str:
        """Who needs the names, for messages (`module `users``)."""
        ...

    def collisions(self, document: D, *, fresh: bool = False) -> list[Collision]:
        """What already binds or writes the wiring's names (see the module doc)."""
        ...


def claim_errors(operation: object, document: object) -> list[WiringError]:
    """Why `operation` cannot be applied as new wiring to `document` (add time)."""
    if not isinstance(operation, Claiming):
        return []
    found = operation.collisions(document, fresh=True)
    return [
        collision_error(operation.path, operation.owner, c) for c in sorted(set(found))
    ]
