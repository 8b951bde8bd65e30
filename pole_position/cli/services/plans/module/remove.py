"""Plan `polepos remove module`: the exact inverse of `add module`.

The remover runs the same wiring operations `add` applied, inverted, so a
module whose folder was deleted by hand still has every reference cleaned up
(inverting absent wiring is a no-op). It never touches the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from codemods.layout import MANIFEST_FILE
from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.catalog.modules import (
    STARTER_MODULE,
    TemplateSpec,
    template_spec,
)
from pole_position.cli.services.plans.module.drift import Drift, detect_drift
from pole_position.cli.services.plans.module.shapes import refuse_unmanaged
from pole_position.cli.services.project.change_set import ChangeSet
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring

__all__ = ["RemovalPlan", "plan_remove_module", "plan_remove_modules"]


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class RemovalPlan(NamedTuple):
    """The change set plus what the command should tell the user."""

    changes: ChangeSet
    name: str
    template: str
    had_model: bool
    removed_llm_scaffold: bool
    drift: Drift


def _recorded_template(state: ProjectState, name: str) -> tuple[str, TemplateSpec]:
    from codemods.manifest import parse_module_template

    value = state.modules.get(name)
    if value is not None:
        spec = template_spec(parse_module_template(value)[0])
        if spec is not None:
            return value, spec
    # Not recorded (a hand-deleted entry, say): infer the shape from the folder.
    folder = state.project.root / state.project.layout.module_dir(name)
    has_router = (folder / "router.py").is_file() or not folder.exists()
    has_model = (folder / "model.py").is_file() or not folder.exists()
    inferred = TemplateSpec("unknown", has_router=has_router, has_model=has_model)
    return value or "", inferred


def _refuse_invalid_name(name: str) -> None:
    # The name becomes a folder under modules/: refuse here, whatever the
    # command layer let through, before any path is built from it.
    from codemods.manifest import module_name_problem

    problem = module_name_problem(name)
    if problem is not None:
        shown = name if len(name) <= 40 else name[:40] + "..."
        raise InvalidInput(
            f"{shown!r} is not a valid module name ({problem}); nothing removed.",
            "Pass a module name as listed under [modules] in " f"{MANIFEST_FILE}.",
        )


def _known(state: ProjectState, name: str) -> bool:
    project = state.project
    return (
        name in state.modules
        or name in state.manifest.detached
        or (project.root / project.layout.module_dir(name)).is_dir()
        or name in state.lock.get("modules", {})
    )


def _candidates(state: ProjectState) -> list[str]:
    names = set(state.modules) | set(state.manifest.detached)
    return sorted(names - {STARTER_MODULE})


def _refuse_unremovable(state: ProjectState, name: str) -> None:
    """Refuse an invalid name, the starter module and a module that is not there."""
    from pole_position.cli.services.naming.validation import did_you_mean

    _refuse_invalid_name(name)
    if name == STARTER_MODULE:
        raise Refused(
            "'status' is the starter module and cannot be removed.",
            "Leave it in place; it serves GET /api/v1/status.",
        )
    if not _known(state, name):
        raise Refused(
            f"there is no module {name!r} in this project.",
            did_you_mean(name, _candidates(state))
            + "Run 'polepos check' to list the project's modules.",
        )


def plan_remove_modules(
    state: ProjectState,
    names: list[str],
    *,
    force: bool = False,
    wiring_only: bool = False,
) -> list[RemovalPlan]:
    """One change set removing several modules: each touched file is parsed once.

    Any refusal refuses the whole batch before anything is written. Modules are
    unwired in reverse order, so `remove module a b c` undoes `add module a b c`
    step by step, byte for byte.
    """
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.naming.validation import normalise_module_name

    normalised = [normalise_module_name(name) for name in names]
    twice = sorted({name for name in normalised if normalised.count(name) > 1})
    if twice:
        raise InvalidInput(
            f"module {twice[0]!r} is named more than once.", "Name each module once."
        )
    for name in normalised:  # the first bad name is the one reported
        _refuse_unremovable(state, name)
    changes = ChangeSet(state.project.root)
    batch = tuple(normalised)
    plans = [
        plan_remove_module(
            state,
            name,
            force=force,
            wiring_only=wiring_only,
            changes=changes,
            batch=batch,
        )
        for name in reversed(normalised)
    ]
    return plans[::-1]


def plan_remove_module(
    state: ProjectState,
    name: str,
    *,
    force: bool = False,
    wiring_only: bool = False,
    changes: ChangeSet | None = None,
    batch: tuple[str, ...] = (),
) -> RemovalPlan:
    """Build the removal plan, refusing on custom changes unless `force`.

    With `changes`, the removal joins that change set; `batch` names every module
    the set removes (see `plan_remove_modules`).
    """
    from codemods.lockfile import GeneratedFiles, recorded_files
    from codemods.manifest import ManifestDetached, ManifestModule
    from pole_position.cli.services.naming.validation import normalise_module_name
    from pole_position.cli.services.plans.module.wiring import module_wiring

    project = state.project
    name = normalise_module_name(name)
    _refuse_unremovable(state, name)
    value, spec = _recorded_template(state, name)
    wiring = module_wiring(project.layout, name, spec)
    if changes is None:
        changes = ChangeSet(project.root)
    refuse_unmanaged(project, wiring, name, changes)

    recorded = recorded_files(state.lock, "modules", name)
    folder = project.layout.module_dir(name)
    tests = {
        p: h
        for p, h in recorded.items()
        if p.startswith(f"{project.layout.tests_dir}/")
    }
    drift = detect_drift(
        project.root,
        tests if wiring_only else recorded,
        None if wiring_only else folder,
    )
    if drift and not force:
        advice = "Use --force to remove anyway"
        if not wiring_only:
            advice += ", or --wiring-only to keep the module folder"
        raise Refused(
            f"module {name!r} has custom changes: {drift.describe()}; nothing removed.",
            advice + ".",
        )

    operations: list[AnyWiring] = list(wiring)
    if value:
        operations.append(ManifestModule(name=name, template=value))
    if isinstance(state.manifest.fields.get(name), str):
        # Only a module with added fields loads the field plans and codemods.
        from pole_position.cli.services.plans.field import recorded_entry

        operations += recorded_entry(state, name)
    if name in state.lock.get("modules", {}):
        entry = state.lock["modules"][name]
        operations.append(
            GeneratedFiles(
                section="modules",
                owner=name,
                files=tuple(sorted(recorded.items())),
                template=str(entry.get("template", "")),
                version=str(entry.get("polepos", "")),
            )
        )
    changes.unwire(operations)
    if wiring_only:
        if value:
            changes.wire([ManifestDetached(name=name, template=value)])
        for path in tests:
            if (project.root / path).is_file():
                changes.delete(path)
    else:
        for path in recorded:
            if (project.root / path).is_file() and not path.startswith(folder + "/"):
                changes.delete(path)
        if (project.root / folder).is_dir():
            changes.delete_tree(folder)
    removed_llm = False
    if spec.uses_llm and not wiring_only:
        removed_llm = _plan_llm_removal(state, name, changes, force, batch)
    return RemovalPlan(
        changes=changes,
        name=name,
        template=value or spec.name,
        had_model=spec.has_model and project.db != "none",
        removed_llm_scaffold=removed_llm,
        drift=drift,
    )


def _plan_llm_removal(
    state: ProjectState,
    name: str,
    changes: ChangeSet,
    force: bool,
    batch: tuple[str, ...] = (),
) -> bool:
    """Remove the shared LLM scaffold when `name` is the last ai-prompt module.

    In a batch, the modules removed with it do not count, and the scaffold goes
    with the batch's first ai-prompt module: the one `add module` created it for.
    """
    from codemods.lockfile import recorded_files
    from codemods.manifest import parse_module_template
    from pole_position.cli.services.plans.module import llm
    from pole_position.cli.services.project.user_env import user_env_blocks

    others = [
        other
        for other, value in state.modules.items()
        if other != name
        and parse_module_template(value)[0] == "ai-prompt"
        and (other not in batch or batch.index(other) < batch.index(name))
    ]
    if others:
        return False
    project = state.project
    recorded = recorded_files(state.lock, llm.SECTION, llm.OWNER)
    folder = project.layout.integration_dir(llm.OWNER)
    drift = detect_drift(project.root, recorded, folder)
    if drift and not force:
        raise Refused(
            f"the shared LLM scaffold has custom changes: {drift.describe()}; "
            "nothing removed.",
            "Use --force to remove it with the last ai-prompt module.",
        )
    operations = llm.scaffold_operations(project, llm.scaffold_files(project))
    changes.unwire([*operations, *user_env_blocks(project.root, operations)])
    for path in recorded:
        if (project.root / path).is_file():
            changes.delete(path)
    if (project.root / folder).is_dir():
        changes.delete_tree(folder)
    return True
