"""Find an adopted project's own authentication, which `add auth` must not double.

PolePosition's users workflow brings a bearer scheme, `get_current_user`, an
`auth_users` table and JWT settings. A project that already has any of these
has made its own choices (its users, its tokens), so `add auth` refuses rather
than wire a second login next to the first. The signals, read with LibCST from
the project's own files (never the folders PolePosition writes):

- a module or package named `auth`;
- a FastAPI security scheme: `OAuth2PasswordBearer`, `OAuth2AuthorizationCodeBearer`,
  `OAuth2PasswordRequestForm`, `HTTPBearer`, `HTTPBasic` or `APIKeyHeader`;
- a function named `get_current_user` or `get_current_active_user`;
- a user model: a class `User` or `AuthUser` that is a table (`__tablename__`,
  `table=True`), or any `__tablename__` of "user", "users" or "auth_users";
- a settings field auth would add (`jwt_secret`, `jwt_algorithm`,
  `access_token_expire_minutes`, `auth_*`), in any letter case.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import ClassVar

import libcst as cst
from libcst.metadata import BaseMetadataProvider, MetadataWrapper, PositionProvider

from codemods.layout import Layout

SCHEMES = frozenset(
    {
        "OAuth2PasswordBearer",
        "OAuth2AuthorizationCodeBearer",
        "OAuth2PasswordRequestForm",
        "HTTPBearer",
        "HTTPBasic",
        "APIKeyHeader",
    }
)
CURRENT_USER = frozenset({"get_current_user", "get_current_active_user"})
USER_CLASSES = frozenset({"User", "AuthUser"})
USER_TABLES = frozenset({"user", "users", "auth_users"})
# The settings fields `add auth` writes in an adopted project (catalog/auth.py).
AUTH_FIELD_PREFIX = "auth_"
JWT_FIELDS = frozenset({"jwt_secret", "jwt_algorithm", "access_token_expire_minutes"})


def _owned(layout: Layout) -> tuple[PurePosixPath, ...]:
    """Folders PolePosition writes in the package: never the project's own auth."""
    folders = [layout.modules_dir, layout.integrations_dir, layout.support_dir]
    return tuple(PurePosixPath(f) for f in folders if f is not None)


def _project_files(root: Path, layout: Layout) -> list[tuple[str, Path]]:
    owned = _owned(layout)
    files = []
    for path in sorted((root / layout.package_dir).rglob("*.py")):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if "__pycache__" in relative.parts or any(
            relative == folder or folder in relative.parents for folder in owned
        ):
            continue
        files.append((relative.as_posix(), path))
    return files


def _auth_module(relative: str, package_dir: str) -> bool:
    parts = PurePosixPath(relative).relative_to(package_dir).parts
    return parts[-1] == "auth.py" or "auth" in parts[:-1]


def own_auth(root: Path, layout: Layout) -> str | None:
    """`path:line: what` for the first sign of the project's own auth, or None."""
    for relative, path in _project_files(root, layout):
        if _auth_module(relative, layout.package_dir):
            return f"{relative}: an auth module"
        try:
            module = cst.parse_module(path.read_bytes())
        except (OSError, cst.ParserSyntaxError, UnicodeDecodeError):
            continue  # a file LibCST cannot read defines nothing it can see
        finder = _Finder(settings_file=relative == layout.settings_file)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        wrapper.visit(finder)
        if finder.found is not None:
            node, what = finder.found
            line = wrapper.resolve(PositionProvider)[node].start.line
            return f"{relative}:{line}: {what}"
    return None


class _Finder(cst.CSTVisitor):
    """Keeps the first auth signal of one file."""

    METADATA_DEPENDENCIES: ClassVar[Collection[type[BaseMetadataProvider[object]]]] = (
        PositionProvider,
    )

    def __init__(self, *, settings_file: bool) -> None:
        super().__init__()
        self.settings_file = settings_file
        self.found: tuple[cst.CSTNode, str] | None = None

    def _hit(self, node: cst.CSTNode, what: str) -> bool:
        if self.found is None:
            self.found = (node, what)
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        """A security scheme referenced by name."""
        if node.value in SCHEMES:
            return self._hit(node, f"the security scheme {node.value}")
        return True

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        """A security scheme referenced through its module."""
        if node.attr.value in SCHEMES:
            return self._hit(node, f"the security scheme {node.attr.value}")
        return True

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        """A current-user dependency."""
        if node.name.value in CURRENT_USER:
            return self._hit(node, f"a {node.name.value}() dependency")
        return True

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        """A user model or table, or a settings field auth would add."""
        table = _table_name(node)
        if node.name.value in USER_CLASSES and (
            table is not None or _sqlmodel_table(node)
        ):
            return self._hit(node, f"the user model {node.name.value}")
        if table is not None and table.lower() in USER_TABLES:
            return self._hit(node, f'the table "{table}"')
        if self.settings_file:
            for field in _field_names(node):
                name = field.lower()
                if name in JWT_FIELDS or name.startswith(AUTH_FIELD_PREFIX):
                    return self._hit(node, f"the settings field {field}")
        return True


def _table_name(node: cst.ClassDef) -> str | None:
    """The string a class body assigns to `__tablename__`, if it does."""
    for stmt in node.body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if (
                isinstance(small, cst.Assign)
                and any(
                    isinstance(t.target, cst.Name) and t.target.value == "__tablename__"
                    for t in small.targets
                )
                and isinstance(small.value, cst.SimpleString)
            ):
                value = small.value.evaluated_value
                return value if isinstance(value, str) else None
    return None


def _sqlmodel_table(node: cst.ClassDef) -> bool:
    """True for `class X(SQLModel, table=True)`."""
    return any(
        keyword.keyword is not None
        and keyword.keyword.value == "table"
        and isinstance(keyword.value, cst.Name)
        and keyword.value.value == "True"
        for keyword in node.keywords
    )


def _field_names(node: cst.ClassDef) -> list[str]:
    """The annotated attribute names a class body declares (settings fields)."""
    return [
        small.target.value
        for stmt in node.body.body
        if isinstance(stmt, cst.SimpleStatementLine)
        for small in stmt.body
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)
    ]
