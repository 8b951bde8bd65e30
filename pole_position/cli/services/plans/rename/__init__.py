"""Plan `polepos rename module OLD NEW` (docs/rename.md).

A module file that is exactly what its template (plus its recorded fields)
renders for OLD is replaced by what the template renders for NEW, so renaming
back gives every byte back; an edited file has its name forms swapped token by
token, and only when the swap back restores it. The wiring of OLD is inverted
and NEW's applied (the same operations `add` and `remove` use), the manifest
keys are renamed in place, the lock record moves, and every import of the
module in the project's other Python files is rewritten with LibCST.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.layout import MANIFEST_FILE
from pole_position.cli.errors import InvalidInput, Refused
from pole_position.cli.services.plans.rename.names import (
    NameSwap,
    module_swap,
    name_swap_of,
)
from pole_position.cli.services.plans.rename.project_scan import ProjectScan, read_bytes
from pole_position.cli.services.project.change_set import ChangeSet, read_text
from pole_position.cli.services.project.state import ProjectState

if TYPE_CHECKING:
    from codemods.fields_spec import FieldSpec
    from pole_position.cli.services.plans.rename.imports import ImportRename
    from pole_position.cli.services.project.wiring_types import AnyWiring

__all__ = ["RenamePlan", "plan_rename_module"]

_TABLENAME = re.compile(r'^(\s*)__tablename__ = "([^"]*)"', re.MULTILINE)


@dataclass(frozen=True)
class RenamePlan:
    """The change set plus what the command tells the user."""

    changes: ChangeSet
    old: str
    new: str
    old_table: str | None
    new_table: str | None
    not_renamed: tuple[str, ...] = field(default=())


def _refuse_names(state: ProjectState, old: str, new: str) -> None:
    from codemods.manifest import module_name_problem
    from pole_position.cli.services.catalog.modules import STARTER_MODULE
    from pole_position.cli.services.naming.validation import parse_module_name

    problem = module_name_problem(old)
    if problem is not None:
        shown = old if len(old) <= 40 else old[:40] + "..."
        raise InvalidInput(
            f"{shown!r} is not a valid module name ({problem}); nothing renamed.",
            "Pass a module name as listed under [modules] in " f"{MANIFEST_FILE}.",
        )
    if old == STARTER_MODULE:
        raise Refused(
            "'status' is the starter module and cannot be renamed.",
            "Leave it in place; it serves GET /api/v1/status.",
        )
    if old not in state.modules and old not in state.manifest.detached:
        raise Refused(
            f"there is no module {old!r} in this project; nothing renamed.",
            "Run 'polepos check' to list the project's modules.",
        )
    parse_module_name(new)
    problem = module_name_problem(new)
    if problem is not None:
        shown = new if len(new) <= 40 else new[:40] + "..."
        raise InvalidInput(
            f"{shown!r} is not a valid module name ({problem}); nothing renamed.",
            "Use lower-case letters, digits and '_', e.g. clients.",
        )
    project = state.project
    if (
        new in state.modules
        or new in state.manifest.detached
        or new in state.lock.get("modules", {})
        or (project.root / project.layout.module_dir(new)).exists()
    ):
        raise Refused(
            f"module {new!r} already exists; nothing renamed.",
            "Choose another name, or remove that module first.",
        )


def _render(
    state: ProjectState,
    name: str,
    value: str,
    table: str | None,
    specs: tuple[FieldSpec, ...],
) -> dict[str, str]:
    from codemods.manifest import parse_module_template
    from pole_position.cli.services.catalog.modules import option_flags, template_spec
    from pole_position.cli.services.plans.field import with_recorded_fields
    from pole_position.cli.services.plans.module.files import module_context
    from pole_position.cli.services.plans.module.request import ModuleRequest
    from pole_position.cli.services.render.templates import render_folder

    template, options = parse_module_template(value)
    spec = template_spec(template)
    if spec is None:
        return {}
    request = ModuleRequest(name=name, spec=spec, options=options)
    context = module_context(state.project, request)
    context.update(option_flags(options))
    if table is not None:
        context["table_name"] = table
    files = state.project.layout.place_all(
        render_folder(f"modules/{template}", context)
    )
    return with_recorded_fields(
        files, state.project.layout, name, template, tuple(specs)
    )


def _current_table(root: Path, folder: str) -> str | None:
    model = root / folder / "model.py"
    if not model.is_file():
        return None
    found = _TABLENAME.search(read_text(model, f"{folder}/model.py"))
    return found.group(2) if found else None


def _swapped(
    swap: NameSwap, path: str, text: str, old_table: str | None, new_table: str | None
) -> str:
    renamed = _table_kept(swap(text), new_table)
    if _table_kept(swap.reversed()(renamed), old_table) != text:
        raise Refused(
            f"{path} already uses the new module's names, so renaming back could "
            "not restore it; nothing renamed.",
            "Choose another name, or rename those names by hand first.",
        )
    return renamed


def _fewest_words(forms: set[str]) -> tuple[str, ...]:
    """The forms without those holding a shorter one (`m000` finds every file
    `m000s` would): each is one substring search of every file."""
    return tuple(sorted(f for f in forms if not any(o != f and o in f for o in forms)))


def _listed(old: str, swap: NameSwap) -> NameSwap:
    """The pairs whose old form `--trace` lists where it is left in place."""
    from pole_position.cli.services.naming.inflection import module_names

    # The singular alone is often an ordinary word (`client`, `item`): the
    # trace lists lines with the module or class name only.
    singular = module_names(old).singular
    return name_swap_of(tuple(p for p in swap.forms if p[0] != singular))


def scan_words(old: str) -> tuple[str, ...]:
    """The words one of which the bytes of every file that imports or names
    module `old` hold (what `ProjectScan` looks for)."""
    from pole_position.cli.services.naming.inflection import module_names

    # The old forms `_listed` keeps: a plan whose words differ scans again.
    names = module_names(old)
    kept = {names.module, names.model_class} - {names.singular}
    return _fewest_words({old, *kept})


def _decoded(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(
            f"{path} is not valid UTF-8; PolePosition will not edit it.",
            "Convert it to UTF-8 and try again.",
        ) from None


def _package_of(source_root: str, path: str) -> str | None:
    """The dotted package holding a Python file, None above any package."""
    if source_root:
        if not path.startswith(f"{source_root}/"):
            return None
        path = path[len(source_root) + 1 :]
    parts = path.split("/")[:-1]  # `pkg/x.py` and `pkg/__init__.py` are in `pkg`
    return ".".join(parts) if parts else None


def plan_rename_module(
    state: ProjectState,
    old: str,
    new: str,
    *,
    rename_table: bool = False,
    scan: ProjectScan | None = None,
) -> RenamePlan:
    """One change set renaming module `old` to `new`, or a refusal (`scan`: the
    project's files, when the command started reading them early)."""
    from codemods.lockfile import recorded_files
    from codemods.manifest import parse_module_template
    from pole_position.cli.services.catalog.modules import template_spec
    from pole_position.cli.services.naming.inflection import module_names
    from pole_position.cli.services.plans.field import recorded_fields_of
    from pole_position.cli.services.plans.module.wiring import (
        module_wiring,
        refuse_claimed,
    )
    from pole_position.cli.services.plans.rename.imports import ImportRename
    from pole_position.cli.services.plans.rename.manifest_keys import ManifestKeys

    _refuse_names(state, old, new)
    project = state.project
    root = project.root
    swap = module_swap(old, new)
    listed = _listed(old, swap)
    old_folder = project.layout.module_dir(old)
    new_folder = project.layout.module_dir(new)
    detached = old not in state.modules
    value = state.manifest.detached[old] if detached else state.modules[old]
    recorded = {} if detached else recorded_files(state.lock, "modules", old)

    old_table = _current_table(root, old_folder)
    new_table = old_table
    if rename_table and old_table is not None:
        new_table = module_names(new).table_name
    specs = recorded_fields_of(state, old)
    renders_old = _render(state, old, value, old_table, specs) if recorded else {}
    renders_new = _render(state, new, value, new_table, specs) if recorded else {}

    changes = ChangeSet(root)
    old_prefix = project.layout.module_package(old)
    new_prefix = project.layout.module_package(new)
    move = _Move(root, old_folder, new_folder, recorded, swap)
    move.generated(changes, renders_old, renders_new, (old_table, new_table))
    move.others(changes, ImportRename, (old_prefix, new_prefix))
    moved, hashes, module_files = move.moved, move.hashes, move.others_moved
    generated = set(recorded)
    if (root / old_folder).is_dir():
        changes.delete_tree(old_folder)

    operations_old: list[AnyWiring] = []
    operations_new: list[AnyWiring] = []
    if not detached:
        spec = template_spec(parse_module_template(value)[0])
        if spec is not None:
            operations_old = module_wiring(project.layout, old, spec)
            operations_new = module_wiring(project.layout, new, spec)
    refuse_claimed(changes, operations_new)
    changes.unwire(operations_old)
    # Every import of the module names it (`modules.OLD`, `import OLD`,
    # `from ..OLD import`), and every line `--trace` lists names a listed form:
    # a file holding none of those bytes is neither decoded nor parsed, so the
    # cost follows the importers, not the project (module names are ASCII).
    importer = name_swap_of(((old, new),))
    words = _fewest_words({old, *(form for form, _ in listed.forms)})
    if scan is None or scan.words != words or scan.root != str(root):
        scan = ProjectScan(str(root), words)
    found = scan.result()
    for path, reason in found.unreadable.items():
        if path not in moved:  # a folder, an unreadable file: one line, no traceback
            raise Refused(
                f"{path} cannot be read ({reason}).",
                "Make it a readable file, then run the command again.",
            )
    source_root = project.layout.source_root
    texts: dict[str, str] = {}  # the project files that may name the module
    python_files = found.hits
    for path in python_files:
        if path in moved:
            continue
        texts[path] = _decoded(read_bytes(str(root), path), path)
        if not importer.found(texts[path]):
            continue
        package = _package_of(source_root, path)
        operation = ImportRename(path, old_prefix, new_prefix, swap, package=package)
        changes.apply(path, [operation])
    changes.wire(operations_new)
    changes.wire([ManifestKeys(old, new)])
    if not detached:
        _move_lock_record(state, changes, old, new, hashes)
    final = {change.path: change.new for change in changes.changes()}
    user_files = [
        path
        for path in [*(moved[p] for p in module_files), *python_files]
        if path not in generated and path not in moved and path.endswith(".py")
    ]
    not_renamed = _mentions({**texts, **final}, user_files, listed)
    return RenamePlan(changes, old, new, old_table, new_table, tuple(not_renamed))


@dataclass
class _Move:
    """Plans the moves of the module's files, remembering where each one went."""

    root: Path
    old_folder: str
    new_folder: str
    recorded: dict[str, str]
    swap: NameSwap
    moved: dict[str, str] = field(default_factory=dict)  # old path -> new path
    hashes: dict[str, str] = field(default_factory=dict)  # the new lock record
    others_moved: list[str] = field(default_factory=list)

    def generated(
        self,
        changes: ChangeSet,
        renders_old: dict[str, str],
        renders_new: dict[str, str],
        tables: tuple[str | None, str | None],
    ) -> None:
        """Move the files the lock records: re-rendered when pristine, else swapped."""
        from codemods.lockfile import content_hash

        counterpart = dict(zip(renders_old, renders_new, strict=False))
        for path in sorted(self.recorded):
            target = counterpart.get(path)
            if not (self.root / path).is_file():
                # Deleted by hand: the record moves, so `check` still reports it.
                self.hashes[target or self.swap(path)] = self.recorded[path]
                continue
            text = read_text(self.root / path, path)
            if target is not None and renders_old[path] == text:
                new_path, new_text = target, renders_new[target]
            else:
                new_path = self.swap(path)
                new_text = _swapped(self.swap, path, text, *tables)
            self.moved[path] = new_path
            # An edited file stays edited: its recorded hash moves unchanged.
            pristine = content_hash(text) == self.recorded[path]
            self.hashes[new_path] = (
                content_hash(new_text) if pristine else self.recorded[path]
            )
            changes.delete(path)
            changes.create(new_path, new_text)

    def others(
        self,
        changes: ChangeSet,
        rename: type[ImportRename],
        prefixes: tuple[str, str],
    ) -> None:
        """Move the folder's other files as they are, their imports rewritten."""
        for path in _python_and_other_files(self.root, self.old_folder):
            if path in self.recorded:
                continue
            new_path = self.new_folder + path[len(self.old_folder) :]
            self.moved[path] = new_path
            self.others_moved.append(path)
            changes.delete(path)
            changes.create(new_path, read_text(self.root / path, path))
            if path.endswith(".py"):
                depth = path[len(self.old_folder) + 1 :].count("/")
                operation = rename(new_path, *prefixes, self.swap, depth)
                changes.apply(new_path, [operation])


def _move_lock_record(
    state: ProjectState,
    changes: ChangeSet,
    old: str,
    new: str,
    hashes: dict[str, str],
) -> None:
    """Forget OLD's lock record and record NEW's files with the same notes."""
    from codemods.lockfile import GeneratedFiles, recorded_files

    entry = state.lock.get("modules", {}).get(old)
    if entry is None:
        return
    notes = tuple(
        (str(key), str(item))
        for key, item in entry.items()
        if key not in ("files", "template", "polepos")
    )
    template = str(entry.get("template", ""))
    version = str(entry.get("polepos", ""))
    recorded = tuple(sorted(recorded_files(state.lock, "modules", old).items()))
    changes.unwire([GeneratedFiles("modules", old, recorded, template, version, notes)])
    renamed = tuple(sorted(hashes.items()))
    changes.wire([GeneratedFiles("modules", new, renamed, template, version, notes)])


def _mentions(
    final: dict[str, str | None], paths: list[str], listed: NameSwap
) -> list[str]:
    """`path:line` of each line that still names the old module or its class.

    `final` holds every file that may: the plan's results, and the project
    files whose bytes hold a listed form.
    """
    found: list[str] = []
    for path in paths:
        content = final.get(path)
        if not content or not listed.found(content):
            continue  # most files never name the module: skip the line-by-line pass
        for number, line in enumerate(content.splitlines(), start=1):
            if listed.found(line):
                found.append(f"{path}:{number}")
    return found


def _table_kept(text: str, new_table: str | None) -> str:
    """After a token swap, `__tablename__` names the table the rename keeps."""
    if new_table is None:
        return text
    return _TABLENAME.sub(rf'\g<1>__tablename__ = "{new_table}"', text, count=1)


def _python_and_other_files(root: Path, folder: str) -> list[str]:
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        found.append(path.relative_to(root).as_posix())
    return found
