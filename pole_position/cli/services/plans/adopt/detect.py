"""Read an existing FastAPI project's shape with LibCST, never importing its code.

`detect(root)` finds what `polepos adopt` needs (SPEC section 17): the package
(src or flat layout), the router aggregator (the file with the most
`include_router` calls) and its receiver, the declarative base and where
Alembic's metadata sees the models, the `BaseSettings` class, `.env.example`,
the PEP 621 dependencies and the database mode. A project it cannot read is
refused with one line naming what is missing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import libcst as cst

from codemods.layout import ENV_EXAMPLE, Layout
from pole_position.cli.errors import PolePositionError

# Folders that never hold the application package.
_NOT_PACKAGES = frozenset(
    {"tests", "test", "docs", "scripts", "migrations", "alembic", "build", "dist"}
)
_ROUTER_FACTORIES = frozenset({"APIRouter", "FastAPI"})
_POSTGRES = re.compile(r"postgres(ql)?(\+\w+)?://|psycopg|asyncpg")
_SQLITE = re.compile(r"sqlite(\+\w+)?://")
_DB_PACKAGES = frozenset({"sqlalchemy", "sqlmodel"})


class AdoptRefused(PolePositionError):
    """The project cannot be adopted as it is: exit 2, nothing written."""

    exit_code = 2


@dataclass(frozen=True)
class Aggregator:
    """The file that includes the most routers, and the object it includes them on."""

    path: str
    receiver: str
    includes: int
    # The function holding the includes (an app factory), or None at module level.
    function: str | None


@dataclass(frozen=True)
class Detected:
    """What adopt found in a project; `None` where it found nothing."""

    package: str
    package_dir: str
    aggregator: Aggregator
    declarative_base: str | None
    models_file: str | None
    settings_file: str | None
    settings_class: str | None
    env_example: str
    env_exists: bool
    dependencies: tuple[str, ...]
    db: str
    notes: tuple[str, ...] = field(default=())

    def layout(self) -> Layout:
        """The layout that `[layout]` records for this project."""
        return Layout(
            package=self.package,
            package_dir=self.package_dir,
            router_file=self.aggregator.path,
            router_receiver=self.aggregator.receiver,
            modules_dir=f"{self.package_dir}/modules",
            integrations_dir=f"{self.package_dir}/integrations",
            models_file=self.models_file,
            declarative_base=self.declarative_base,
            settings_file=self.settings_file,
            settings_class=self.settings_class or "Settings",
            env_example=self.env_example,
            tests_dir="tests",
            db=self.db,
        )

    def report(self) -> list[str]:
        """One `found`/`missing` line per thing adopt looks for."""
        agg = self.aggregator
        scope = f" in {agg.function}()" if agg.function else ""
        rows = [
            ("package", f"{self.package} ({self.package_dir})"),
            (
                "router aggregator",
                f"{agg.path}: {agg.receiver}{scope}, {agg.includes} include_router "
                "calls",
            ),
            ("declarative base", self.declarative_base),
            ("model imports", self.models_file),
            (
                "settings",
                (
                    f"{self.settings_file}: {self.settings_class}"
                    if self.settings_file
                    else None
                ),
            ),
            (ENV_EXAMPLE, self.env_example if self.env_exists else None),
            ("dependencies", f"{len(self.dependencies)} in [project].dependencies"),
            ("database", self.db),
        ]
        width = max(len(label) for label, _ in rows)
        lines = []
        for label, value in rows:
            state = "found  " if value is not None else "missing"
            lines.append(f"  {state} {label.ljust(width)}  {value or '-'}")
        return lines + [f"  note    {note}" for note in self.notes]


# --- reading -------------------------------------------------------------------


def _posix(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _python_files(root: Path, folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part.startswith(".") or part == "__pycache__" for part in parts):
            continue
        yield path


def _parse(path: Path, display: str) -> cst.Module | None:
    """The file's syntax tree, or None when it is not UTF-8 Python LibCST reads."""
    try:
        return cst.parse_module(path.read_bytes())
    except (OSError, cst.ParserSyntaxError, UnicodeDecodeError):
        return None


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


def _read_pyproject(root: Path) -> dict[str, object]:
    path = root / "pyproject.toml"
    if not path.is_file():
        raise AdoptRefused(
            "cannot adopt: no pyproject.toml here.",
            "Run 'polepos adopt' in the project's root folder.",
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AdoptRefused(
            f"cannot adopt: pyproject.toml is not valid TOML ({exc}).",
            "Fix it, then run 'polepos adopt' again.",
        ) from None


def _dependencies(pyproject: dict[str, object]) -> tuple[str, ...]:
    project = pyproject.get("project")
    tool = pyproject.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    listed = project.get("dependencies") if isinstance(project, dict) else None
    if listed is None:
        if isinstance(poetry, dict) and "dependencies" in poetry:
            raise AdoptRefused(
                "cannot adopt: dependencies are in [tool.poetry.dependencies], and "
                "PolePosition edits PEP 621 [project].dependencies only.",
                "Move them to [project].dependencies (poetry 2 reads that table too).",
            )
        raise AdoptRefused(
            "cannot adopt: pyproject.toml has no [project].dependencies.",
            "List the project's requirements there (PEP 621).",
        )
    if not isinstance(listed, list) or not all(isinstance(d, str) for d in listed):
        raise AdoptRefused(
            "cannot adopt: [project].dependencies is not a list of strings.",
            "Fix pyproject.toml, then run 'polepos adopt' again.",
        )
    return tuple(listed)


def _requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1).lower().replace("_", "-") if match else ""


def _package_dirs(root: Path) -> list[Path]:
    """Candidate import packages: `src/*` when a src folder exists, else top level."""
    base = root / "src" if (root / "src").is_dir() else root
    return [
        folder
        for folder in sorted(base.iterdir())
        if folder.is_dir()
        and not folder.is_symlink()
        and (folder / "__init__.py").is_file()
        and folder.name.isidentifier()
        and folder.name not in _NOT_PACKAGES
    ]


# --- the router aggregator -------------------------------------------------------


def _include_receiver(stmt: cst.BaseStatement) -> str | None:
    """`X` for a statement line `X.include_router(...)`."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    expr = stmt.body[0]
    if not isinstance(expr, cst.Expr) or not isinstance(expr.value, cst.Call):
        return None
    func = expr.value.func
    if isinstance(func, cst.Attribute) and func.attr.value == "include_router":
        return _dotted(func.value)
    return None


def _factory_targets(body: Sequence[cst.BaseStatement]) -> set[str]:
    """Names assigned `APIRouter(...)` or `FastAPI(...)` in a statement list."""
    names: set[str] = set()
    for stmt in body:
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            continue
        small = stmt.body[0]
        value: cst.BaseExpression | None = None
        targets: list[cst.BaseExpression] = []
        if isinstance(small, cst.Assign):
            value, targets = small.value, [t.target for t in small.targets]
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            value, targets = small.value, [small.target]
        if not isinstance(value, cst.Call):
            continue
        callee = _dotted(value.func)
        if callee is None or callee.rsplit(".", 1)[-1] not in _ROUTER_FACTORIES:
            continue
        names.update(t.value for t in targets if isinstance(t, cst.Name))
    return names


def _scopes(
    module: cst.Module,
) -> Iterator[tuple[str | None, Sequence[cst.BaseStatement]]]:
    """The module body, then each top-level function's body (app factories)."""
    yield None, module.body
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and isinstance(
            stmt.body, cst.IndentedBlock
        ):
            yield stmt.name.value, stmt.body.body


def _aggregators_in(path: str, module: cst.Module) -> list[Aggregator]:
    found = []
    for function, body in _scopes(module):
        counts: dict[str, int] = {}
        for stmt in body:
            receiver = _include_receiver(stmt)
            if receiver is not None:
                counts[receiver] = counts.get(receiver, 0) + 1
        created = _factory_targets(body)
        for receiver, count in counts.items():
            if receiver in created:
                found.append(Aggregator(path, receiver, count, function))
    return found


def _aggregator(root: Path, files: dict[str, cst.Module]) -> Aggregator:
    candidates = [
        agg for path, module in files.items() for agg in _aggregators_in(path, module)
    ]
    if not candidates:
        raise AdoptRefused(
            "cannot adopt: no router aggregator found (no `X = APIRouter()` or "
            "`FastAPI()` object with `X.include_router(...)` calls).",
            "Include the project's routers on one APIRouter, then run "
            "'polepos adopt' again.",
        )
    best = max(agg.includes for agg in candidates)
    top = [agg for agg in candidates if agg.includes == best]
    if len(top) > 1:
        named = " and ".join(f"{a.path} ({a.receiver})" for a in top[:2])
        raise AdoptRefused(
            f"cannot adopt: cannot tell the router aggregator: {named} each include "
            f"{best} routers.",
            "Include the routers on one APIRouter, then run 'polepos adopt' again.",
        )
    return top[0]


# --- models, settings, database ----------------------------------------------------


def _module_name(path: str, source_root: str) -> str:
    relative = PurePosixPath(path)
    if source_root:
        relative = relative.relative_to(source_root)
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _declarative_base(files: dict[str, cst.Module], source_root: str) -> str | None:
    """The dotted name of `class Base(DeclarativeBase)` or `declarative_base()`."""
    for path, module in files.items():
        for stmt in module.body:
            name: str | None = None
            if isinstance(stmt, cst.ClassDef):
                bases = {_dotted(arg.value) for arg in stmt.bases}
                if any(b and b.rsplit(".", 1)[-1] == "DeclarativeBase" for b in bases):
                    name = stmt.name.value
            elif isinstance(stmt, cst.SimpleStatementLine) and isinstance(
                stmt.body[0], cst.Assign
            ):
                assign = stmt.body[0]
                call = assign.value
                target = assign.targets[0].target
                if (
                    isinstance(call, cst.Call)
                    and (_dotted(call.func) or "").endswith("declarative_base")
                    and isinstance(target, cst.Name)
                ):
                    name = target.value
            if name is not None:
                return f"{_module_name(path, source_root)}.{name}"
    return None


def _alembic_env(root: Path) -> str | None:
    """The `env.py` named by `alembic.ini`'s script_location, or a usual place."""
    ini = root / "alembic.ini"
    if ini.is_file():
        match = re.search(
            r"^\s*script_location\s*=\s*(\S+)",
            ini.read_text(encoding="utf-8", errors="replace"),
            re.M,
        )
        if match:
            env = root / match.group(1).replace("%(here)s/", "") / "env.py"
            if env.is_file():
                return _posix(root, env)
    for place in ("migrations/env.py", "alembic/env.py"):
        if (root / place).is_file():
            return place
    return None


def _models_file(root: Path, package_dir: str) -> str | None:
    env = _alembic_env(root)
    if env is not None:
        return env
    init = f"{package_dir}/models/__init__.py"
    return init if (root / init).is_file() else None


def _settings(files: dict[str, cst.Module]) -> tuple[str, str] | None:
    for path, module in files.items():
        for stmt in module.body:
            if isinstance(stmt, cst.ClassDef) and any(
                (_dotted(arg.value) or "").rsplit(".", 1)[-1] == "BaseSettings"
                for arg in stmt.bases
            ):
                return path, stmt.name.value
    return None


def _db_mode(
    root: Path,
    dependencies: Sequence[str],
    base: str | None,
    texts: Sequence[str],
) -> str:
    names = {_requirement_name(d) for d in dependencies}
    if base is None and not names & _DB_PACKAGES:
        return "none"
    joined = "\n".join(texts)
    if any(n.startswith(("psycopg", "asyncpg")) for n in names) or _POSTGRES.search(
        joined
    ):
        return "postgres"
    if _SQLITE.search(joined):
        return "sqlite"
    return "custom"


# --- the whole picture ----------------------------------------------------------


def detect(root: Path) -> Detected:
    """Everything adopt needs to know about the project at `root`, or AdoptRefused."""
    pyproject = _read_pyproject(root)
    dependencies = _dependencies(pyproject)
    if "fastapi" not in {_requirement_name(d) for d in dependencies}:
        raise AdoptRefused(
            "cannot adopt: fastapi is not in [project].dependencies, so this is not "
            "a FastAPI project.",
            "Add fastapi there if the project uses it.",
        )
    packages = _package_dirs(root)
    if not packages:
        raise AdoptRefused(
            "cannot adopt: no Python package found (a folder with __init__.py at "
            "the root or below src/).",
            "Run 'polepos adopt' in the project's root folder.",
        )
    files: dict[str, cst.Module] = {}
    for folder in packages:
        for path in _python_files(root, folder):
            module = _parse(path, _posix(root, path))
            if module is not None:
                files[_posix(root, path)] = module
    aggregator = _aggregator(root, files)
    package_dir = next(
        _posix(root, folder)
        for folder in packages
        if aggregator.path.startswith(_posix(root, folder) + "/")
    )
    package = PurePosixPath(package_dir).name
    inside = {p: m for p, m in files.items() if p.startswith(package_dir + "/")}
    source_root = str(PurePosixPath(package_dir).parent).replace(".", "")
    base = _declarative_base(inside, source_root)
    settings = _settings(inside)
    notes: list[str] = []
    models_file = _models_file(root, package_dir) if base is not None else None
    if base is not None and models_file is None:
        notes.append(
            "no Alembic env.py or models/__init__.py: new models are not imported "
            "anywhere central"
        )
    for kept in ("modules", "integrations"):
        if (root / package_dir / kept).exists():
            raise AdoptRefused(
                f"cannot adopt: {package_dir}/{kept} already exists and "
                "PolePosition keeps its own modules there.",
                "Rename that folder, then run 'polepos adopt' again.",
            )
    texts = [
        (root / name).read_text(encoding="utf-8", errors="replace")
        for name in (ENV_EXAMPLE, settings[0] if settings else None)
        if name is not None and (root / name).is_file()
    ]
    return Detected(
        package=package,
        package_dir=package_dir,
        aggregator=aggregator,
        declarative_base=base,
        models_file=models_file,
        settings_file=settings[0] if settings else None,
        settings_class=settings[1] if settings else None,
        env_example=ENV_EXAMPLE,
        env_exists=(root / ENV_EXAMPLE).is_file(),
        dependencies=dependencies,
        db=_db_mode(root, dependencies, base, texts),
        notes=tuple(notes),
    )
