"""Refuse to guess: unmanaged wiring blocks removal, naming its file and line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pole_position.cli.errors import Refused
from pole_position.cli.services.project import text_faces
from pole_position.cli.services.project.change_set import ChangeSet, read_text
from pole_position.cli.services.project.locate import Project

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring


def refuse_unmanaged(
    project: Project,
    operations: list[AnyWiring],
    module: str,
    changes: ChangeSet | None = None,
) -> None:
    """Raise `Refused` if any operation sees its wiring in a shape it does not own.

    Given the plan's `changes`, the files are parsed through it, so the edits
    reuse these documents (and the indexes built on them) instead of parsing again.
    """
    from codemods import Presence, WiringError
    from codemods.encoding import strip_bom

    documents: dict[str, object] = {}
    for operation in operations:
        target = project.root / operation.path
        if not target.is_file():
            continue
        if changes is not None:
            # The common case, wired as the tool writes it, needs no parse.
            found = text_faces.checked(operation, changes)
            if found == []:
                continue
        if operation.path not in documents and changes is not None:
            documents[operation.path] = changes.document(
                operation.path, operation.format
            )
        if operation.path not in documents:
            text = read_text(target, operation.path)  # refuses in its own words
            try:
                body = strip_bom(text)  # parsers never see the mark
                documents[operation.path] = operation.format.parse(body)
            except Exception as exc:
                raise Refused(
                    f"{operation.path} cannot be parsed ({type(exc).__name__}); "
                    "nothing was removed.",
                    "Fix the file, then run the command again.",
                ) from None
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
