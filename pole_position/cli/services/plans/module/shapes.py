"""Refuse to guess: unmanaged wiring blocks removal, naming its file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pole_position.cli.errors import Refused
from pole_position.cli.services.project.change_set import ChangeSet

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring


def refuse_unmanaged(
    changes: ChangeSet, operations: list[AnyWiring], module: str
) -> None:
    """Raise `Refused` if any operation sees its wiring in a shape it does not own.

    Documents come from the change set that then edits them: each file is parsed
    once for the refusal and the removal together.
    """
    from codemods import Presence, WiringError

    documents: dict[str, object] = {}
    for operation in operations:
        if not (changes.root / operation.path).is_file():
            continue
        if operation.path not in documents:
            # Refuses in its own words when unreadable or unparsable.
            documents[operation.path] = changes.document(
                operation.path, operation.format
            )
        try:
            if not operation.check(documents[operation.path]):
                continue  # wired exactly as managed: skip the costlier observation
            observation = operation.observe(documents[operation.path])
        except WiringError as exc:  # a missing marker, say: the file is not ours
            message = exc.message
            if not message.startswith(operation.path):
                message = f"{operation.path}: {message}"
            raise Refused(
                f"{message}; nothing was removed.",
                "Run 'polepos check' to see what the file lacks.",
            ) from None
        if observation.presence is Presence.UNMANAGED:
            line = f":{observation.lines[0]}" if observation.lines else ""
            detail = f" ({observation.detail})" if observation.detail else ""
            raise Refused(
                f"{operation.path}{line} wires {module!r} in a shape PolePosition does "
                f"not manage{detail}; nothing was removed.",
                "Remove or rewrite that custom wiring by hand, then run the command "
                "again.",
            )
