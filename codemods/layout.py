"""The project layout as data: every path, marker, receiver and symbol wiring uses.

A generated project follows `Layout.default(package, db)`. An adopted project
(SPEC section 17) records its own shape in the `[layout]` table of the manifest,
read by `Layout.from_table`; a missing key takes the default's value, so a table
written out in full by `to_table` behaves exactly like no table at all.

This module is the one place where marker comments and managed paths are
spelled: codemods, plan builders, the checker and the templates ask a `Layout`
(or `MARKERS`) instead of restating them (a grep test keeps it that way).
"""

from __future__ import annotations

import keyword
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import PurePosixPath
from typing import NamedTuple

from codemods.containment import path_problem

MANIFEST_FILE = ".poleposition.toml"
# The text every marker comment starts with after `# `.
MARKER_PREFIX = "polepos:"
# The object a generated project's router file includes module routers into.
DEFAULT_RECEIVER = "api_router"
# The committed example env file of a generated project, at the root.
ENV_EXAMPLE = ".env.example"
DB_MODES: tuple[str, ...] = ("sqlite", "postgres", "none", "custom")


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Markers(NamedTuple):
    """The marker comments the tool anchors on (docs/managed-blocks.md)."""

    router_imports: str = "# polepos:router-imports"
    router_includes: str = "# polepos:router-includes"
    model_imports: str = "# polepos:model-imports"
    module_exports: str = "# polepos:module-exports"
    integration_exports: str = "# polepos:integration-exports"
    auth_settings: str = "# polepos:auth-settings"
    llm_settings: str = "# polepos:llm-settings"
    integration_settings: str = "# polepos:integration-settings"
    auth_env: str = "# polepos:auth-env"
    llm_env: str = "# polepos:llm-env"
    integration_env: str = "# polepos:integration-env"
    fields: str = "# polepos:fields"

    @property
    def settings_order(self) -> tuple[str, str, str]:
        """The settings markers in the order they appear in `Settings`."""
        return (self.auth_settings, self.llm_settings, self.integration_settings)

    @property
    def env_order(self) -> tuple[str, str, str]:
        """The env markers in the order they appear in `.env.example`."""
        return (self.auth_env, self.llm_env, self.integration_env)

    @property
    def exports(self) -> tuple[str, str]:
        """The `__all__` markers of the modules and integrations packages."""
        return (self.module_exports, self.integration_exports)

    @property
    def wiring(self) -> tuple[str, ...]:
        """Every marker of a managed wiring file (not the per-module `fields`)."""
        return (
            self.router_imports,
            self.router_includes,
            self.model_imports,
            *self.exports,
            *self.settings_order,
            *self.env_order,
        )


MARKERS = Markers()


class LayoutError(ValueError):
    """A `[layout]` table that names an unsafe path or an invalid symbol."""


# Keys of `[layout]` whose value is a root-relative path.
_PATH_KEYS = (
    "package_dir",
    "router_file",
    "modules_dir",
    "integrations_dir",
    "models_file",
    "settings_file",
    "env_example",
    "tests_dir",
    "support_dir",
)
# Keys whose value may be empty in the table, meaning "the project has none".
_OPTIONAL_KEYS = (
    "models_file",
    "declarative_base",
    "settings_file",
    "session_factory",
    "support_dir",
)
# The package an adopted project's generated code imports its session dependency,
# domain exceptions and test fixtures from (`polepos adopt` writes it).
SUPPORT_PACKAGE = "_polepos"


def _identifier(value: str) -> bool:
    return value.isidentifier() and not keyword.iskeyword(value)


def _dotted(value: str) -> bool:
    return bool(value) and all(_identifier(part) for part in value.split("."))


@dataclass(frozen=True)
class Layout:
    """Where a project keeps each file and symbol that PolePosition wires."""

    package: str
    package_dir: str
    router_file: str
    router_receiver: str
    modules_dir: str
    integrations_dir: str
    models_file: str | None
    declarative_base: str | None
    settings_file: str | None
    settings_class: str
    env_example: str
    tests_dir: str
    db: str
    # The project's own `sessionmaker` (dotted), which the support package's
    # session dependency opens sessions from; None: none found (or generated).
    session_factory: str | None = None
    # The polepos-owned support package generated models, routes and tests import
    # in an adopted project (`adopt` writes it); None: the generated layout's own.
    support_dir: str | None = None

    # --- derived paths and names ------------------------------------------------

    # Cached: `check` asks for these once per file of every module (thousands of
    # calls at 200 modules), and pathlib made each ask cost more than the read.
    @cached_property
    def source_root(self) -> str:
        """The folder on `sys.path` holding the package: "src", or "" when flat."""
        parent = PurePosixPath(self.package_dir).parent
        return "" if str(parent) == "." else str(parent)

    def _dotted_of(self, path: str) -> str:
        """The import name of a folder below the source root."""
        relative = PurePosixPath(path)
        if self.source_root:
            relative = relative.relative_to(self.source_root)
        return ".".join(relative.parts)

    @cached_property
    def modules_package(self) -> str:
        """The dotted import of the modules package, e.g. "shop_api.modules"."""
        return self._dotted_of(self.modules_dir)

    @property
    def integrations_package(self) -> str:
        """The dotted import of the integrations package."""
        return self._dotted_of(self.integrations_dir)

    @property
    def module_exports_file(self) -> str:
        """The `__init__.py` whose `__all__` lists the feature modules."""
        return f"{self.modules_dir}/__init__.py"

    @property
    def integration_exports_file(self) -> str:
        """The `__init__.py` whose `__all__` lists the integrations."""
        return f"{self.integrations_dir}/__init__.py"

    @property
    def support_package(self) -> str | None:
        """The dotted import of the support package, when there is one."""
        support = self.support_dir
        return None if support is None else self._dotted_of(support)

    def imports_context(self) -> dict[str, str]:
        """Where generated code imports the base, session dependency and errors."""
        base = self.declarative_base or f"{self.package}.db.base.Base"
        base_module, base_name = base.rsplit(".", 1)
        support = self.support_dir
        if support is None:
            deps = f"{self.package}.api.deps"
            session = f"{self.package}.db.session"
            errors = f"{self.package}.domain.exceptions"
        else:
            deps = f"{self._dotted_of(support)}.deps"
            session = f"{self._dotted_of(support)}.session"
            errors = f"{self._dotted_of(support)}.exceptions"
        return {
            "base_module": base_module,
            "base_import": base_name if base_name == "Base" else f"{base_name} as Base",
            "deps_module": deps,
            "session_module": session,
            "exceptions_module": errors,
        }

    @property
    def has_database(self) -> bool:
        """True when model imports have a home (the project has a database)."""
        return self.models_file is not None

    def module_package(self, module: str) -> str:
        """The dotted import of a module package, e.g. "app.modules.orders"."""
        return f"{self.modules_package}.{module}"

    def module_dir(self, module: str) -> str:
        """The root-relative folder of a module, e.g. "app/modules/orders"."""
        return f"{self.modules_dir}/{module}"

    def integration_package(self, name: str) -> str:
        """The dotted import of an integration package."""
        return f"{self.integrations_package}.{name}"

    def integration_dir(self, name: str) -> str:
        """The root-relative folder of an integration."""
        return f"{self.integrations_dir}/{name}"

    def package_path(self, *parts: str) -> str:
        """A root-relative POSIX path below the package folder."""
        return "/".join((self.package_dir, *parts))

    def place(self, path: str) -> str:
        """Where a file that templates render for the generated layout goes here.

        Templates name paths as `start` lays them out (`src/<pkg>/modules/<m>/...`,
        `tests/...`); the longest matching folder of the default is swapped for
        this layout's. Identity for the default layout.
        """
        default = Layout.default(self.package, self.db)
        for old, new in (
            (default.modules_dir, self.modules_dir),
            (default.integrations_dir, self.integrations_dir),
            (default.package_dir, self.package_dir),
            (default.tests_dir, self.tests_dir),
        ):
            if path == old or path.startswith(f"{old}/"):
                return new + path[len(old) :]
        return path

    def place_all(self, files: Mapping[str, str]) -> dict[str, str]:
        """`files` (path -> text, rendered for the generated layout) placed here."""
        return {self.place(path): text for path, text in files.items()}

    def expected_markers(self) -> dict[str, tuple[str, ...]]:
        """Every managed wiring file with the markers it must hold, in file order."""
        files: dict[str, tuple[str, ...]] = {
            self.router_file: (MARKERS.router_imports, MARKERS.router_includes),
        }
        if self.models_file is not None:
            files[self.models_file] = (MARKERS.model_imports,)
        files[self.module_exports_file] = (MARKERS.module_exports,)
        files[self.integration_exports_file] = (MARKERS.integration_exports,)
        if self.settings_file is not None:
            files[self.settings_file] = MARKERS.settings_order
        files[self.env_example] = MARKERS.env_order
        return files

    # --- construction -----------------------------------------------------------

    @classmethod
    def default(cls, package: str, db: str = "sqlite") -> Layout:
        """The layout `polepos start` generates for `package`."""
        return cls._below(package, db, f"src/{package}")

    @classmethod
    def _below(cls, package: str, db: str, base: str) -> Layout:
        """The generated layout, with the package folder at `base`."""
        has_db = db != "none"
        return cls(
            package=package,
            package_dir=base,
            router_file=f"{base}/api/router.py",
            router_receiver=DEFAULT_RECEIVER,
            modules_dir=f"{base}/modules",
            integrations_dir=f"{base}/integrations",
            models_file=f"{base}/db/models.py" if has_db else None,
            declarative_base=f"{package}.db.base.Base" if has_db else None,
            settings_file=f"{base}/settings.py",
            settings_class="Settings",
            env_example=ENV_EXAMPLE,
            tests_dir="tests",
            db=db,
        )

    @classmethod
    def from_table(
        cls, package: str, db: str, table: Mapping[str, object] | None
    ) -> Layout:
        """The layout a `[layout]` table describes; missing keys take the default.

        Raises `LayoutError` for an unknown key, a value of the wrong type, a
        path that could leave the project, or a name that is not a Python name.
        """
        if table is None:
            return cls.default(package, db)
        package_dir = table.get("package_dir", f"src/{package}")
        if not isinstance(package_dir, str):
            raise LayoutError("[layout] package_dir must be a string")
        # Paths the table leaves out sit where `start` puts them, below its package.
        default = cls._below(package, db, package_dir)
        known = {f.name for f in fields(cls)} - {"package", "db"}
        unknown = sorted(str(key) for key in table if key not in known)
        if unknown:
            raise LayoutError(
                f"[layout] has unknown key(s) {', '.join(unknown)}; "
                f"known keys: {', '.join(sorted(known))}"
            )
        values: dict[str, str | None] = {}
        for key in sorted(known):
            raw = table.get(key, getattr(default, key))
            if raw is not None and not isinstance(raw, str):
                raise LayoutError(f"[layout] {key} must be a string")
            value = str(raw) if raw is not None else None
            if value == "" and key in _OPTIONAL_KEYS:
                value = None
            values[key] = value
        layout = cls(package=package, db=db, **values)  # type: ignore[arg-type]
        layout.validate()
        return layout

    def validate(self) -> None:
        """Raise `LayoutError` when a path escapes the project or a name is invalid."""
        if not _identifier(self.package):
            raise LayoutError(f"package {self.package!r} is not a Python name")
        if self.db not in DB_MODES:
            raise LayoutError(f"db {self.db!r} is not one of {', '.join(DB_MODES)}")
        for key in _PATH_KEYS:
            value = getattr(self, key)
            if value is None:
                continue
            problem = path_problem(value)
            if problem is not None:
                raise LayoutError(f"[layout] {key} = {value!r} {problem}")
        if PurePosixPath(self.package_dir).name != self.package:
            raise LayoutError(
                f"[layout] package_dir = {self.package_dir!r} must end in the "
                f"package folder {self.package!r}"
            )
        inside = PurePosixPath(self.package_dir)
        for key in ("modules_dir", "integrations_dir", "support_dir"):
            if getattr(self, key) is None:
                continue
            folder = PurePosixPath(getattr(self, key))
            if folder != inside and inside not in folder.parents:
                raise LayoutError(
                    f"[layout] {key} = {str(folder)!r} must be inside "
                    f"package_dir {self.package_dir!r}, so it can be imported"
                )
            if not all(_identifier(part) for part in folder.parts[len(inside.parts) :]):
                raise LayoutError(f"[layout] {key} = {str(folder)!r} is not importable")
        for key in ("router_file", "models_file", "settings_file"):
            value = getattr(self, key)
            if value is not None and not value.endswith(".py"):
                raise LayoutError(f"[layout] {key} = {value!r} is not a .py file")
        for key in ("router_receiver", "settings_class"):
            if not _identifier(getattr(self, key)):
                raise LayoutError(
                    f"[layout] {key} = {getattr(self, key)!r} is not a Python name"
                )
        for key in ("declarative_base", "session_factory"):
            value = getattr(self, key)
            if value is not None and not _dotted(value):
                raise LayoutError(
                    f"[layout] {key} = {value!r} is not a dotted Python name"
                )

    def to_table(self) -> dict[str, str]:
        """The full explicit `[layout]` table ("" for a file the project lacks)."""
        return {
            f.name: getattr(self, f.name) or ""
            for f in fields(self)
            if f.name not in ("package", "db")
        }

    @property
    def is_default(self) -> bool:
        """True when this is the generated layout for its package and db mode."""
        return self == Layout.default(self.package, self.db)
