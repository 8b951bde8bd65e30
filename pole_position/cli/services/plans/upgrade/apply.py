"""Turn an upgrade plan into one change set: files, lock records, conflict marks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pole_position import __version__
from pole_position.cli.services.plans.upgrade.owners import (
    PROJECT_SECTION,
    Owner,
    adopted,
)
from pole_position.cli.services.plans.upgrade.plan import UpgradePlan
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    from codemods.lockfile import GeneratedFiles

CONFLICT_SECTION = "upgrade"
CONFLICT_OWNER = "conflicts"


def plan_apply(state: ProjectState, plan: UpgradePlan) -> ChangeSet:
    """The plan's writes, the lock moved to the installed version, conflicts marked."""
    from codemods.lockfile import LOCK_PATH

    changes = ChangeSet(state.project.root)
    if plan.is_empty and adopted(state):
        # Every owner already is at the installed version, so records would only
        # add the support package's, which adopt leaves unrecorded: write nothing.
        return changes
    for item in plan.writes:
        if item.new_text is None:
            changes.delete(item.path)
        elif item.action == "conflict":
            changes.create_conflicted(item.path, item.new_text)
        else:
            changes.create(item.path, item.new_text)
    if not (state.project.root / LOCK_PATH).exists():
        changes.create(LOCK_PATH, "")
    changes.wire(_lock_records(state, plan))
    marks = _conflict_marks(plan)
    if marks.files:
        changes.wire([marks])
    else:
        changes.unwire([marks])  # a clean upgrade clears the marks of an earlier one
    return changes


def _conflict_marks(plan: UpgradePlan) -> GeneratedFiles:
    from codemods.lockfile import GeneratedFiles

    return GeneratedFiles(
        section=CONFLICT_SECTION,
        owner=CONFLICT_OWNER,
        files=tuple((item.path, item.owner) for item in plan.conflicts),
    )


def _lock_records(state: ProjectState, plan: UpgradePlan) -> list[GeneratedFiles]:
    from codemods.lockfile import GeneratedFiles, content_hash, recorded_files
    from pole_position.cli.services.catalog.modules import STARTER_MODULE

    records: list[GeneratedFiles] = []
    for owner in plan.owners:
        rendered = plan.renders[(owner.section, owner.name)]
        records.append(
            GeneratedFiles(
                section=owner.section,
                owner=owner.name,
                files=tuple(
                    (path, content_hash(text))
                    for path, text in sorted(rendered.items())
                ),
                template=owner.template,
                version=__version__,
                notes=_notes(owner),
            )
        )
        if owner.section == PROJECT_SECTION:
            # The starter's files come from the project render; keep its record in step.
            starter = recorded_files(state.lock, "modules", STARTER_MODULE)
            if starter:
                entry = state.lock["modules"][STARTER_MODULE]
                records.append(
                    GeneratedFiles(
                        section="modules",
                        owner=STARTER_MODULE,
                        files=tuple(
                            (path, content_hash(rendered[path]))
                            for path in sorted(starter)
                            if path in rendered
                        ),
                        template=str(entry.get("template", "starter")),
                        version=__version__,
                    )
                )
    return records


def _notes(owner: Owner) -> tuple[tuple[str, str], ...]:
    if owner.section != PROJECT_SECTION:
        return owner.notes
    context = owner.context
    return (
        ("db", str(context["db"])),
        ("no_bytecode", "true" if context["no_bytecode"] else "false"),
        ("project_name", str(context["project_name"])),
    )
