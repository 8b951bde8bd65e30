"""Reading `.poleposition.toml` into a `Manifest`, and a fresh manifest's text.

Split from `codemods.manifest`, whose entry operations (four frozen dataclasses,
tomlkit editing) a reader never needs: `polepos check` imports only this, and
creating those classes cost as much as a tenth of a cold one-module check.
`codemods.manifest` re-exports every name here.
"""

from __future__ import annotations

import keyword
from typing import TYPE_CHECKING, Any

from codemods import codes
from codemods._core import Finding
from codemods.catalog import INTEGRATIONS, TEMPLATES
from codemods.containment import NAME_MAX
from codemods.encoding import strip_bom
from codemods.layout import DB_MODES, MANIFEST_FILE, Layout, LayoutError
from codemods.manifest_model import Manifest, parse_module_template
from codemods.toml_lines import scan
from codemods.toml_source import line_of_key, line_of_table

if TYPE_CHECKING:
    from tomlkit.toml_document import TOMLDocument

MANIFEST_PATH = MANIFEST_FILE
HEADER = (
    "# PolePosition lifecycle manifest: written by polepos, safe to read;"
    " edit with care."
)


def module_name_problem(name: str) -> str | None:
    """Why a manifest key cannot name a module folder, or None when it can."""
    if not name.isidentifier() or keyword.iskeyword(name):
        return "it is not a Python identifier"
    if len(name.encode("utf-8", "surrogatepass")) > NAME_MAX:
        return f"it is longer than {NAME_MAX} bytes"
    return None


def _valid_module_key(
    name: str, table: str, text: str, path: str, errors: list[Finding]
) -> bool:
    # A module name becomes a folder under modules/: it must not climb out.
    problem = module_name_problem(name)
    if problem is None:
        return True
    errors.append(
        codes.MODULE_NAME_INVALID.finding(
            f"{path}: module {name[:80]!r} is not a valid module name: {problem}",
            f"rename or remove the key under [{table}]; mutating commands refuse "
            "until then",
            path=path,
            line=line_of_key(text, table, name),
        )
    )
    return False


def read_manifest(
    text: str, path: str = MANIFEST_PATH, document: TOMLDocument | None = None
) -> Manifest:
    """Read manifest text; problems become findings in `errors`, never exceptions.

    `document` is `text` already parsed with tomlkit, when the caller has it, so
    a command parses its manifest once.
    """
    text = strip_bom(text)
    plain = scan(text) if document is None else None
    data: dict[str, object]
    if plain is not None:
        data = dict(plain.data())
    else:
        from tomlkit.exceptions import TOMLKitError

        try:
            if document is None:
                import tomlkit

                document = tomlkit.parse(text)
        except TOMLKitError as error:
            # Not only ParseError: a key written twice raises KeyAlreadyPresent.
            finding = codes.MANIFEST_MALFORMED.finding(
                f"{path} is not valid TOML: {error}",
                "fix the syntax; mutating commands refuse to run until then",
                path=path,
                line=getattr(error, "line", None),
            )
            return Manifest(errors=[finding], source=text)
        data = document.unwrap()
    errors: list[Finding] = []

    def missing(what: str, hint: str, line: int | None = None) -> None:
        errors.append(
            codes.MANIFEST_MISSING_KEY.finding(
                f"{path} lacks {what}", hint, path=path, line=line
            )
        )

    settings = data.get("poleposition")
    package: str | None = None
    db: str | None = None
    auth = False
    if not isinstance(settings, dict):
        missing("a [poleposition] table", "restore [poleposition] with package and db")
        settings = {}
    raw_package = settings.get("package")
    if isinstance(raw_package, str) and module_name_problem(raw_package) is None:
        package = raw_package
    else:
        missing(
            "a valid `package` in [poleposition]",
            'set package = "<import name>" under [poleposition]',
            line_of_key(text, "poleposition", "package"),
        )
    raw_db = settings.get("db")
    if raw_db in DB_MODES:
        db = str(raw_db)
    elif raw_db is None:
        missing("`db` in [poleposition]", f"set db to one of {' | '.join(DB_MODES)}")
    else:
        errors.append(
            codes.MANIFEST_UNKNOWN_DB.finding(
                f"{path}: unknown db mode {raw_db!r}",
                f"use one of {' | '.join(DB_MODES)}",
                path=path,
                line=line_of_key(text, "poleposition", "db"),
            )
        )
    raw_auth = settings.get("auth", False)
    if isinstance(raw_auth, bool):
        auth = raw_auth
    else:
        errors.append(
            codes.MANIFEST_BAD_INTEGRATION.finding(
                f"{path}: auth must be true or false, not {raw_auth!r}",
                "write auth = true after `polepos add auth`, or remove the key",
                path=path,
                line=line_of_key(text, "poleposition", "auth"),
            )
        )

    modules: dict[str, str] = {}
    raw_modules = data.get("modules")
    if not isinstance(raw_modules, dict):
        missing("a [modules] table", "add an empty [modules] table")
        raw_modules = {}
    for name, value in raw_modules.items():
        if not _valid_module_key(name, "modules", text, path, errors):
            continue
        try:
            if not isinstance(value, str):
                raise ValueError(f"{value!r} is not a string")
            parse_module_template(value)
        except ValueError as error:
            errors.append(
                codes.MANIFEST_UNKNOWN_TEMPLATE.finding(
                    f"{path}: module {name!r} has an unknown template: {error}",
                    f"use one of {', '.join(TEMPLATES)} (crud takes [options])",
                    path=path,
                    line=line_of_key(text, "modules", name),
                )
            )
            continue
        modules[name] = value

    integrations: list[str] = []
    raw_integrations = data.get("integrations")
    if not isinstance(raw_integrations, dict):
        missing("an [integrations] table", "add an empty [integrations] table")
        raw_integrations = {}
    for name, value in raw_integrations.items():
        problem = None
        if name not in INTEGRATIONS:
            problem = f"unknown integration {name!r}"
        elif not isinstance(value, bool):
            problem = f"integration {name!r} must be true or false, not {value!r}"
        if problem is not None:
            errors.append(
                codes.MANIFEST_BAD_INTEGRATION.finding(
                    f"{path}: {problem}",
                    f"integrations are {', '.join(INTEGRATIONS)}, each = true",
                    path=path,
                    line=line_of_key(text, "integrations", name),
                )
            )
        elif value:
            integrations.append(name)

    detached: dict[str, str] = {}
    raw_detached = data.get("detached", {})
    if not isinstance(raw_detached, dict):
        missing("a valid [detached] table", "make [detached] a table or remove it")
        raw_detached = {}
    for name, value in raw_detached.items():
        if not _valid_module_key(name, "detached", text, path, errors):
            continue
        if isinstance(value, str):
            detached[name] = value
        else:
            errors.append(
                codes.MANIFEST_UNKNOWN_TEMPLATE.finding(
                    f"{path}: detached module {name!r} has no template string",
                    'write <name> = "<template>" under [detached]',
                    path=path,
                    line=line_of_key(text, "detached", name),
                )
            )
    layout = _read_layout(data, package, db, text, path, errors)
    raw_fields = data.get("fields", {})
    fields = dict(raw_fields) if isinstance(raw_fields, dict) else {}
    return Manifest(
        package,
        db,
        modules,
        tuple(integrations),
        auth,
        errors,
        detached,
        layout,
        text,
        fields,
    )


def _read_layout(
    data: dict[str, Any],
    package: str | None,
    db: str | None,
    text: str,
    path: str,
    errors: list[Finding],
) -> Layout | None:
    """The project's layout: `[layout]` over the generated default."""
    table = data.get("layout")
    problem = None
    if table is not None and not isinstance(table, dict):
        problem = "[layout] must be a table"
    else:
        try:
            if package is not None:
                return Layout.from_table(package, db or "sqlite", table)
        except LayoutError as error:
            problem = str(error)
    if problem is not None:
        errors.append(
            codes.MANIFEST_BAD_LAYOUT.finding(
                f"{path}: {problem}",
                "fix the [layout] entry, or remove the table to use the generated "
                "layout",
                path=path,
                line=line_of_table(text, "layout"),
            )
        )
    return None


def new_manifest(package: str, db: str) -> str:
    """The text of a fresh manifest for `polepos start`, with empty tables."""
    if not package.isidentifier():
        raise ValueError(f"not a package name: {package!r}")
    if db not in DB_MODES:
        raise ValueError(
            f"unknown db mode {db!r}; expected one of {', '.join(DB_MODES)}"
        )
    return (
        f"{HEADER}\n"
        "[poleposition]\n"
        f'package = "{package}"\n'
        f'db = "{db}"  # {" | ".join(DB_MODES)}\n'
        "\n"
        "[modules]\n"
        "\n"
        "[integrations]\n"
    )
