"""Plan `polepos adopt` and its exact inverse, `polepos adopt --undo`.

Adopt writes only markers (through codemods), the empty `__all__` packages for
modules and integrations, `.env.example` when the project has none, and the
manifest with its `[layout]` table. It records nothing in the lock: no line
of the project's own code is generated, so no inverse ever deletes it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from codemods.layout import MANIFEST_FILE, MARKERS, Layout, LayoutError
from pole_position.cli.errors import Refused
from pole_position.cli.services.plans.adopt.detect import AdoptRefused, Detected
from pole_position.cli.services.project.change_set import ChangeSet

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import AnyWiring

# Where `polepos upgrade --apply` records the files adopt wrote (the lock
# section and owner); adopt itself records nothing.
SUPPORT_SECTION = "adopt"
SUPPORT_OWNER = "support"

_HEADER = (
    "# PolePosition manifest, written by `polepos adopt`. [layout] records where\n"
    "# this project keeps what PolePosition wires; `polepos adopt --undo` takes\n"
    "# adoption back while no module or integration has been added.\n"
)


def _exports_text(folder: str, release: str | None = None) -> str:
    """The body of the modules or integrations `__init__.py` a new project has
    (as the stored `release` has it; None: the installed templates)."""
    from pole_position.cli.services.render.templates import template_root

    name = f"project/src/__package__/{folder}/__init__.py.jinja"
    if release is not None:
        from pole_position.template_history import release_files

        return release_files(release)[name]
    return (template_root() / name).read_text(encoding="utf-8")


def _env_text() -> str:
    """A `.env.example` holding only the env markers, for a project without one."""
    return "".join(f"{marker}\n" for marker in MARKERS.env_order)


def manifest_text(layout: Layout) -> str:
    """The manifest adopt writes: identity, the full `[layout]`, empty tables."""
    rows = "".join(f'{key} = "{value}"\n' for key, value in layout.to_table().items())
    return (
        f"{_HEADER}\n"
        "[poleposition]\n"
        f'package = "{layout.package}"\n'
        f'db = "{layout.db}"  # sqlite | postgres | none | custom\n'
        "\n"
        "[layout]\n"
        f"{rows}"
        "\n"
        "[modules]\n"
        "\n"
        "[integrations]\n"
    )


def _marker_operations(
    layout: Layout, function: str | None, env_exists: bool
) -> list[AnyWiring]:
    """Every marker edit adopt makes to an existing file, in file order."""
    from codemods.adopt import AnchoredMarker
    from codemods.markers import restore_marker

    operations: list[AnyWiring] = [
        AnchoredMarker(layout.router_file, MARKERS.router_imports, "import"),
        AnchoredMarker(
            layout.router_file,
            MARKERS.router_includes,
            "include",
            receiver=layout.router_receiver,
            function=function,
        ),
    ]
    if layout.models_file is not None:
        operations.append(
            AnchoredMarker(layout.models_file, MARKERS.model_imports, "import")
        )
    if layout.settings_file is not None:
        operations.extend(
            restore_marker(layout.settings_file, marker)
            for marker in MARKERS.settings_order
        )
    if env_exists:
        operations.extend(
            restore_marker(layout.env_example, marker) for marker in MARKERS.env_order
        )
    return operations


def tests_conftest(layout: Layout) -> str:
    """Where adopt puts the fixtures the generated API tests need."""
    return f"{layout.tests_dir}/integration/conftest.py"


def unit_conftest(layout: Layout) -> str:
    """Where adopt puts the fixtures the generated unit tests need."""
    return f"{layout.tests_dir}/unit/conftest.py"


def _support_files(layout: Layout, release: str | None = None) -> dict[str, str]:
    """The support package and unit-test fixtures of a project with models."""
    from pole_position.cli.services.render.templates import render_folder

    support = layout.support_dir
    if support is None:
        return {}
    context = {
        **layout.imports_context(),
        "session_factory": layout.session_factory or "",
        "support_package": layout.support_package,
    }
    files: dict[str, str] = {}
    rendered = render_folder("adopt-support", context, release=release)
    for path, text in rendered.items():
        if path.startswith("support/"):
            files[f"{support}/{path.removeprefix('support/')}"] = text
        else:
            files[unit_conftest(layout)] = text
    return files


def support_files(layout: Layout, release: str | None = None) -> dict[str, str]:
    """Every file adopt writes but `.env.example`: the support package, the empty
    exports packages and the test fixtures, as `release` renders them (None: the
    installed templates). `polepos upgrade` owns these in an adopted project."""
    from pole_position.cli.services.render.templates import render_folder

    conftest = render_folder(
        "adopt",
        {
            "modules_package": layout.modules_package,
            "support_package": layout.support_package or "",
        },
        release=release,
    )
    return {
        layout.module_exports_file: _exports_text("modules", release),
        layout.integration_exports_file: _exports_text("integrations", release),
        tests_conftest(layout): conftest["tests/integration/conftest.py"],
        **_support_files(layout, release),
    }


def _created_files(layout: Layout, env_exists: bool) -> dict[str, str]:
    files = support_files(layout)
    if not env_exists:
        files[layout.env_example] = _env_text()
    return files


def plan_adopt(root: Path, detected: Detected) -> ChangeSet:
    """The change set that brings the project at `root` under management."""
    if (root / MANIFEST_FILE).exists():
        raise AdoptRefused(
            f"cannot adopt: {MANIFEST_FILE} already exists, so PolePosition "
            "manages this project.",
            "Run 'polepos check' instead.",
        )
    layout = detected.layout()
    try:
        layout.validate()
    except LayoutError as exc:
        raise AdoptRefused(f"cannot adopt: {exc}.") from None
    conftests = [tests_conftest(layout)]
    if layout.support_dir is not None:
        conftests.append(unit_conftest(layout))
        if (root / layout.support_dir).exists():
            raise AdoptRefused(
                f"cannot adopt: {layout.support_dir} already exists and PolePosition "
                "keeps the support code of its generated modules there.",
                "Rename that folder, then run 'polepos adopt' again.",
            )
    for relative in conftests:
        conftest = root / relative
        if conftest.exists() or any(conftest.parent.glob("test_*.py")):
            # The fixtures there would override the project's own for its own tests.
            raise AdoptRefused(
                f"cannot adopt: {conftest.parent.relative_to(root).as_posix()} "
                "holds the project's own tests or fixtures, and PolePosition keeps "
                "the fixtures of its generated tests there.",
                "Move those tests to another folder below tests/, then adopt again.",
            )
    changes = ChangeSet(root)
    for path, text in _created_files(layout, detected.env_exists).items():
        changes.create(path, text)
    changes.wire(
        _marker_operations(layout, detected.aggregator.function, detected.env_exists)
    )
    changes.create(MANIFEST_FILE, manifest_text(layout))
    return changes


# --- the inverse --------------------------------------------------------------


def _read_adopted(root: Path) -> tuple[Layout, dict[str, object]]:
    path = root / MANIFEST_FILE
    if not path.is_file():
        raise AdoptRefused(
            f"cannot undo adoption: no {MANIFEST_FILE} here.",
            "Run 'polepos adopt --undo' in the adopted project's root folder.",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise Refused(f"{MANIFEST_FILE} is not valid TOML ({exc}).") from None
    table = data.get("layout")
    identity = data.get("poleposition", {})
    if not isinstance(table, dict) or not isinstance(identity, dict):
        raise Refused(
            f"{MANIFEST_FILE} has no [layout] table: this project was not adopted.",
            "Only 'polepos adopt' can be undone this way.",
        )
    try:
        layout = Layout.from_table(
            str(identity.get("package")), str(identity.get("db")), table
        )
    except LayoutError as exc:
        raise Refused(f"{MANIFEST_FILE}: {exc}.") from None
    return layout, data


def _factory_function(root: Path, layout: Layout) -> str | None:
    """The top-level function holding the includes marker, or None at module level."""
    import libcst as cst

    module = cst.parse_module((root / layout.router_file).read_bytes())
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and MARKERS.router_includes in (
            cst.Module(body=[stmt]).code
        ):
            return stmt.name.value
    return None


def plan_unadopt(root: Path) -> ChangeSet:
    """The exact inverse of adopt, refused once anything has been added."""
    from codemods.env import ENV_FORMAT

    layout, data = _read_adopted(root)
    added = []
    for table, kind in (("modules", "module"), ("integrations", "integration")):
        entries = data.get(table)
        if isinstance(entries, dict):
            added += [f"{kind} {name}" for name in entries]
    identity = data.get("poleposition")
    if isinstance(identity, dict) and identity.get("auth"):
        added.append("auth")
    if added:
        raise Refused(
            f"cannot undo adoption: {', '.join(added)} "
            + ("was" if len(added) == 1 else "were")
            + " added since.",
            "Remove what was added first (e.g. 'polepos remove module NAME').",
        )
    env_exists = (root / layout.env_example).is_file()
    created = _created_files(layout, env_exists=True)
    changes = ChangeSet(root)
    owned = {root / path for path in created}
    deleted: set[str] = set()
    for path, text in created.items():
        folder = path.rsplit("/", 1)[0]
        current = root / path
        if not current.is_file() or current.read_text(encoding="utf-8") != text:
            raise Refused(
                f"cannot undo adoption: {path} changed since 'polepos adopt'.",
                "Restore it, then run 'polepos adopt --undo' again.",
            )
        if path in (tests_conftest(layout), unit_conftest(layout)) and others_in(
            root, folder, owned
        ):
            changes.delete(path)  # the folder holds tests of the project's own
            continue
        if others_in(root, folder, owned):
            raise Refused(
                f"cannot undo adoption: {folder} holds files adopt did not write.",
                "Move them away, then run 'polepos adopt --undo' again.",
            )
        if folder not in deleted:
            deleted.add(folder)
            changes.delete_tree(folder)
    operations = _marker_operations(layout, _factory_function(root, layout), env_exists)
    env_ops = [op for op in operations if op.path == layout.env_example]
    if env_ops:
        document = ENV_FORMAT.parse((root / layout.env_example).read_text("utf-8"))
        for op in reversed(env_ops):
            document = op.invert(document)
        if ENV_FORMAT.render(document) == "":
            changes.delete(layout.env_example)  # adopt created it
            operations = [op for op in operations if op not in env_ops]
    changes.unwire(operations)
    changes.delete(MANIFEST_FILE)
    _delete_empty_lock(root, changes)
    return changes


def others_in(root: Path, folder: str, owned: set[Path]) -> bool:
    """True when `folder` holds a file adopt did not write (caches aside)."""
    return any(
        p.is_file() and "__pycache__" not in p.parts and p not in owned
        for p in (root / folder).rglob("*")
    )


def _delete_empty_lock(root: Path, changes: ChangeSet) -> None:
    """Delete the lock that adds left behind once everything was removed again."""
    from codemods.lockfile import LOCK_PATH, read_lock

    path = root / LOCK_PATH
    if not path.is_file():
        return
    lock, problems = read_lock(path.read_text(encoding="utf-8"))
    # An upgrade's record of adopt's own files goes with them.
    if problems or any(v for k, v in lock.items() if k != SUPPORT_SECTION):
        raise Refused(
            f"cannot undo adoption: {LOCK_PATH} still records generated files.",
            "Remove what was added first (see 'polepos check').",
        )
    changes.delete(LOCK_PATH)
