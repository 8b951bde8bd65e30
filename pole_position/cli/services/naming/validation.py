"""Validation and normalisation of project and module names (docs/commands.md)."""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Iterable
from typing import NamedTuple

from pole_position.cli.errors import InvalidInput

_PROJECT_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_MODULE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SEPARATORS = re.compile(r"[.\-_]+")

# Longest project or module name: it becomes folder, file, table and class names,
# and a name near the file system's 255-byte limit fails with ENAMETOOLONG.
MAX_NAME_LENGTH = 64

# Importable names a generated project relies on: a package named like one of
# them would shadow it.
PROJECT_RESERVED = frozenset(
    {
        "fastapi",
        "pydantic",
        "pydantic_settings",
        "sqlalchemy",
        "alembic",
        "uvicorn",
        "starlette",
        "jwt",
        "httpx",
        "psycopg",
        "pytest",
        # imported once integrations or auth are added
        "aiokafka",
        "aio_pika",
        "redis",
        "rq",
        "pwdlib",
        "argon2",
        "email_validator",
        "tests",
        "migrations",
        "polepos",
        "pole_position",
        "codemods",
        "src",
    }
)

# Names whose files or tests would collide with what every project generates.
MODULE_RESERVED = frozenset(
    {
        "status",
        "api",
        "app",
        "auth",
        "bootstrap",
        "db",
        "domain",
        "integrations",
        "main",
        "modules",
        "run",
        "settings",
        "conftest",
        "test",
        "tests",
        "migrations",
        "llm",
    }
)


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class ProjectName(NamedTuple):
    """A validated project name and the Python package it becomes."""

    name: str
    package: str


def _shadowed_module(package: str) -> bool:
    return package in sys.stdlib_module_names or package in PROJECT_RESERVED


def parse_project_name(raw: str) -> ProjectName:
    """Validate a project name and normalise it to a package name."""
    if not raw or not raw.strip():
        raise InvalidInput("the project name is empty.", "Pass a name like shop-api.")
    _refuse_too_long(raw)
    if raw != raw.strip() or any(ch.isspace() for ch in raw):
        raise InvalidInput(
            f"project name {raw!r} contains whitespace.",
            "Use letters, digits, '.', '_' or '-', e.g. shop-api.",
        )
    if "/" in raw or "\\" in raw:
        raise InvalidInput(
            f"project name {raw!r} contains a path separator.",
            "Run polepos start from the folder that should hold the project.",
        )
    if not _PROJECT_NAME.fullmatch(raw):
        raise InvalidInput(
            f"project name {raw!r} is not valid.",
            "Use letters, digits, '.', '_' or '-', starting and ending with a "
            "letter or digit.",
        )
    package = _SEPARATORS.sub("_", raw).lower()
    if not package.isidentifier():
        raise InvalidInput(
            f"project name {raw!r} gives package {package!r}, which is not a Python "
            "identifier.",
            "Start the name with a letter, e.g. app1 instead of 1app.",
        )
    if keyword.iskeyword(package) or keyword.issoftkeyword(package):
        raise InvalidInput(
            f"project name {raw!r} is a Python keyword.",
            "Choose another name, e.g. my-class.",
        )
    if _shadowed_module(package):
        raise InvalidInput(
            f"project name {raw!r} would shadow the module {package!r} that the "
            "project imports.",
            f"Choose another name, e.g. {package}-service.",
        )
    return ProjectName(name=raw, package=package)


def _refuse_too_long(raw: str) -> None:
    if len(raw) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"the project name is {len(raw)} characters long; the maximum is "
            f"{MAX_NAME_LENGTH}.",
            "Choose a shorter name.",
        )


def _invalid_module_name(raw: str, reason: str) -> InvalidInput:
    shown = raw if len(raw) <= 40 else raw[:40] + "..."
    return InvalidInput(
        f"{shown!r} is not a valid module name ({reason}).",
        "Pass a name like customers or order-items.",
    )


def normalise_module_name(raw: str) -> str:
    """A module name in its canonical form (`Garage-Two` → `garage_two`), or exit 2.

    The rules of project names apply: letters, digits, `.`, `_`, `-`, lower-cased,
    separators to `_`; what remains must be an identifier starting with a letter.
    """
    if not raw or not raw.strip():
        raise _invalid_module_name(raw, "it is empty")
    if len(raw) > MAX_NAME_LENGTH:
        raise _invalid_module_name(
            raw,
            f"it is {len(raw)} characters long; the maximum is {MAX_NAME_LENGTH}",
        )
    if any(ch.isspace() for ch in raw):
        raise _invalid_module_name(raw, "it contains whitespace")
    if "/" in raw or "\\" in raw:
        raise _invalid_module_name(raw, "it contains a path separator")
    module = _SEPARATORS.sub("_", raw).lower()
    if not _PROJECT_NAME.fullmatch(raw) or not _MODULE_NAME.fullmatch(module):
        raise _invalid_module_name(
            raw,
            "it must start with a letter, end with a letter or digit, and hold only "
            "letters, digits, '.', '_' or '-'",
        )
    return module


def parse_module_name(raw: str) -> str:
    """Normalise a new module's name and refuse one that collides with anything."""
    module = normalise_module_name(raw)
    if keyword.iskeyword(module) or keyword.issoftkeyword(module):
        raise InvalidInput(
            f"module name {module!r} is a Python keyword.", "Choose another name."
        )
    if module == "status":
        raise InvalidInput(
            "'status' is the starter module every project has.",
            "Choose another name.",
        )
    if module in MODULE_RESERVED or _shadowed_module(module):
        raise InvalidInput(
            f"module name {module!r} collides with a name the project already uses.",
            f"Choose another name, e.g. {module}_records.",
        )
    return module


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`Did you mean 'x'? ` naming the closest choice, or an empty string."""
    import difflib  # only for a name that was not found

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"Did you mean {close[0]!r}? " if close else ""
