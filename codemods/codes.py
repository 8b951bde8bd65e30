"""The registry of check codes the wiring checkers emit.

`PP1xx` are core codes (markers), `PP2xx` lifecycle wiring. Codes are stable:
never renumber one, only add. Every code is registered with `_code`, so `CODES`
holds them all; docs/checks.md is generated from it (with an example message per
code from `pole_position/cli/services/check/docs.py`).
"""

from __future__ import annotations

from typing import NamedTuple

from codemods._core import Finding, Severity


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class Code(NamedTuple):
    """One stable check code and what `polepos check` says about it."""

    code: str
    title: str
    severity: Severity
    fixable: bool
    description: str
    fix: str = ""  # how `check --fix` repairs it, for fixable codes

    @property
    def layer(self) -> str:
        """core (PP0xx, PP1xx), lifecycle (PP2xx) or integrations (PP3xx)."""
        return {"0": "core", "1": "core", "2": "lifecycle"}.get(
            self.code[2], "integrations"
        )

    def finding(
        self,
        message: str,
        hint: str,
        path: str | None = None,
        line: int | None = None,
        *,
        fixable: bool | None = None,
    ) -> Finding:
        """A `Finding` of this code."""
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            hint=hint,
            path=path,
            line=line,
            fixable=self.fixable if fixable is None else fixable,
        )


CODES: dict[str, Code] = {}


def register(code: Code) -> Code:
    """Add a code to the registry; re-registering the same code must not change it."""
    existing = CODES.get(code.code)
    if existing is not None and existing != code:
        raise ValueError(f"check code {code.code} is already registered differently")
    CODES[code.code] = code
    return code


def _code(
    code: str,
    title: str,
    severity: Severity,
    fixable: bool,
    description: str,
    fix: str = "",
) -> Code:
    """Register one code (positional fields in `Code` order)."""
    return register(Code(code, title, severity, fixable, description, fix=fix))


MARKER_MISSING = _code(
    "PP101",
    "marker missing",
    "error",
    True,
    "A managed file lacks the marker comment PolePosition anchors its wiring on.",
    fix="`polepos check --fix` restores the marker where docs/managed-blocks.md "
    "puts it (after a multi-line statement, never inside it): "
    "codemods.markers.RestoreMarker.",
)
MARKER_DUPLICATED = _code(
    "PP102",
    "marker duplicated",
    "error",
    False,
    "A marker comment appears more than once in a file; the tool cannot tell "
    "which one is the managed block.",
)
ROUTER_IMPORT_MISSING = _code(
    "PP201",
    "router import missing",
    "error",
    True,
    "A recorded module's router is not imported above `# polepos:router-imports`.",
    fix="Re-adds the module's router import above `# polepos:router-imports`, in "
    "sorted position.",
)
ROUTER_INCLUDE_MISSING = _code(
    "PP202",
    "router include missing",
    "error",
    True,
    "A recorded module's router is not included above `# polepos:router-includes`.",
    fix="Re-adds the module's `api_router.include_router(...)` line above "
    "`# polepos:router-includes`, in sorted position.",
)
MODEL_IMPORT_MISSING = _code(
    "PP203",
    "model import missing",
    "error",
    True,
    "A recorded module's model is not imported in `import_models()`, so its "
    "tables are unknown to `Base.metadata` and Alembic.",
    fix="Re-adds the module's model import inside `import_models()`, above "
    "`# polepos:model-imports`, in sorted position.",
)
EXPORT_MISSING = _code(
    "PP204",
    "export missing",
    "error",
    True,
    "A recorded module or integration is not listed in its package's `__all__`.",
    fix="Re-adds the name to `__all__` above `# polepos:module-exports` (or "
    "`# polepos:integration-exports`), in sorted position.",
)
SETTINGS_MISSING = _code(
    "PP205",
    "settings fields missing",
    "error",
    True,
    "Settings fields an integration or auth needs are missing from `Settings`.",
    fix="When the whole block is gone, re-adds the fields (with their header "
    "comment) above their settings marker. When only some fields of a block "
    "are gone the finding is not fixable: add them back by hand, or delete "
    "the block and run `--fix`.",
)
WIRING_DUPLICATED = _code(
    "PP206",
    "duplicated wiring",
    "error",
    True,
    "The same managed wiring line appears more than once in its managed block.",
    fix="Removes the extra copies of the managed line, keeping one in its "
    "managed block.",
)
UNMANAGED_SHAPE = _code(
    "PP207",
    "unmanaged shape",
    "warning",
    False,
    "A module is wired in a shape the tool does not manage (an alias import, a "
    "second include, a line outside the managed block); `remove` refuses to guess.",
)
BLOCK_OUT_OF_ORDER = _code(
    "PP208",
    "managed block out of order",
    "warning",
    True,
    "The lines of a sorted managed block are not in alphabetical order.",
    fix="Re-sorts the lines of the managed block; nothing outside the block " "moves.",
)
WIRING_ORPHANED = _code(
    "PP209",
    "orphaned wiring",
    "error",
    True,
    "Wiring references a module that no longer exists in the project.",
    fix="Removes the orphaned import, include, model import or export; the rest "
    "of the file is left as it is.",
)


# Identity and manifest (core), env and dependencies (integrations).
MANIFEST_MALFORMED = _code(
    "PP010",
    "manifest is not valid TOML",
    "error",
    False,
    "`.poleposition.toml` cannot be parsed as TOML, so the project's recorded "
    "state is unknown.",
)
MANIFEST_UNKNOWN_DB = _code(
    "PP011",
    "manifest names an unknown db mode",
    "error",
    False,
    "`[poleposition].db` is not one of sqlite, postgres, none or custom.",
)
MANIFEST_UNKNOWN_TEMPLATE = _code(
    "PP012",
    "manifest names an unknown module template",
    "error",
    False,
    "A `[modules]` entry names a template (or CRUD option) PolePosition does not "
    "know.",
)
MANIFEST_BAD_INTEGRATION = _code(
    "PP013",
    "manifest integration entry is not a boolean",
    "error",
    False,
    "An `[integrations]` entry is not `true`, or names an unknown integration.",
)
MANIFEST_PACKAGE_MISMATCH = _code(
    "PP014",
    "manifest package differs from the project's package",
    "error",
    False,
    "`[poleposition].package` names a package that is not the one under `src/`.",
)
MANIFEST_MISSING_KEY = _code(
    "PP015",
    "manifest lacks a required key or table",
    "error",
    False,
    "The manifest lacks `[poleposition]`, its `package`, or the `[modules]` / "
    "`[integrations]` tables.",
)
MANIFEST_ENTRY_MISSING = _code(
    "PP016",
    "manifest lacks an entry the project implies",
    "error",
    True,
    "The project contains something (a module, an integration) the manifest does "
    "not record.",
    fix="Records the missing entry in `.poleposition.toml` (`[integrations]` or "
    "`[poleposition].auth`), leaving the rest of the manifest as it is.",
)
MANIFEST_BAD_LAYOUT = _code(
    "PP017",
    "manifest [layout] is invalid",
    "error",
    False,
    "The `[layout]` table names an unknown key, a path that is not a plain "
    "relative path inside the project, or a symbol that is not a Python name, "
    "so PolePosition cannot tell where the project's wiring lives.",
)
ENV_KEY_MISSING = _code(
    "PP310",
    "required env key missing",
    "error",
    True,
    "A key an integration or auth needs is not set in `.env.example`.",
    fix="Adds the missing key with its default value (and the block's header "
    "comment) above its env marker (`# polepos:llm-env`, ...). Not fixable "
    "while that marker is missing: restore the marker first (PP101).",
)
ENV_KEY_COMMENTED = _code(
    "PP311",
    "required env key only commented",
    "error",
    True,
    "A required key appears in `.env.example` only as a comment, which does not "
    "count.",
    fix="Adds an active `KEY=value` line (and the block's header comment) above "
    "the env marker; the commented line is left alone. Not fixable while the "
    "marker is missing.",
)
ENV_KEY_DUPLICATED = _code(
    "PP312",
    "env key set more than once",
    "warning",
    False,
    "A key is set more than once in `.env.example`; the last one wins, which hides"
    " mistakes.",
)
DEPENDENCY_MISSING = _code(
    "PP320",
    "dependency missing",
    "error",
    True,
    "A dependency an integration or auth needs is missing from "
    "`[project].dependencies`.",
    fix="Appends the requirement to `[project].dependencies`, keeping the "
    "array's formatting.",
)
DEPENDENCY_CONFLICT = _code(
    "PP321",
    "dependency pin conflicts",
    "error",
    False,
    "An existing requirement excludes the version an integration or auth needs.",
)
DEPENDENCY_TOO_LOOSE = _code(
    "PP322",
    "dependency pin is looser than required",
    "warning",
    False,
    "An existing requirement allows versions older than the one PolePosition " "needs.",
)
DEPENDENCY_DUPLICATED = _code(
    "PP323",
    "dependency listed twice",
    "warning",
    False,
    "The same requirement is listed twice in `[project].dependencies`.",
)
DEPENDENCIES_UNDECLARED = _code(
    "PP324",
    "pyproject has no [project].dependencies array",
    "error",
    False,
    "`pyproject.toml` has no `[project].dependencies` array to add requirements " "to.",
)
USER_ENV_KEY_MISSING = _code(
    "PP330",
    "key missing from .env",
    "warning",
    False,
    "A key set in `.env.example` appears in neither an active nor a commented "
    "line of the user's `.env`, so the app silently runs with the setting's "
    "default. Checked only when `.env` exists. Not fixable on purpose: `.env` "
    "holds the user's secrets, and copying example values (an empty API key, a "
    "placeholder secret) into it is the user's decision.",
)


# Project identity and structure (core), found by `polepos check` itself.
NOT_A_PROJECT = _code(
    "PP000",
    "not a PolePosition project",
    "error",
    False,
    "No `.poleposition.toml` at or above the folder, and no project structure "
    "(`pyproject.toml` beside `src/<package>/api/router.py`) to infer one from.",
)
PYPROJECT_MISSING = _code(
    "PP001",
    "pyproject.toml missing",
    "error",
    False,
    "The project root has no `pyproject.toml`.",
)
PYPROJECT_INVALID = _code(
    "PP002",
    "pyproject.toml invalid",
    "error",
    False,
    "`pyproject.toml` is not valid TOML or lacks a `[project]` table.",
)
PACKAGE_MISSING = _code(
    "PP003",
    "package not found",
    "error",
    False,
    "The package the manifest names has no folder under `src/`.",
)
PACKAGE_NOT_IDENTIFIER = _code(
    "PP004",
    "package name not an identifier",
    "error",
    False,
    "The recorded package name is not a valid Python identifier.",
)
MANIFEST_MISSING = _code(
    "PP005",
    "manifest missing",
    "warning",
    False,
    "The project has no `.poleposition.toml`; its package and database mode were "
    "inferred from its structure.",
)
MANIFEST_UNREADABLE = _code(
    "PP009",
    "manifest unreadable",
    "error",
    False,
    "`.poleposition.toml` cannot be read (it is not UTF-8).",
)
UPGRADE_CONFLICT = _code(
    "PP040",
    "upgrade conflict unresolved",
    "error",
    False,
    "`polepos upgrade --apply` wrote git conflict markers into this file (your edit "
    "and the template's change touch the same lines) and they are still there.",
)
UPGRADE_CONFLICT_RESOLVED = _code(
    "PP041",
    "upgrade conflict resolved",
    "warning",
    True,
    "The conflict markers an upgrade wrote are gone, but the lock still marks the "
    "file as conflicted.",
    fix="`polepos check --fix` clears the mark in `.poleposition.lock`.",
)
PATH_MISSING = _code(
    "PP110",
    "generated path missing",
    "error",
    False,
    "A file or folder every generated project has is missing.",
)
ALEMBIC_MISSING = _code(
    "PP111",
    "Alembic files missing",
    "error",
    False,
    "A project with a database lacks `alembic.ini` or a file of `migrations/`.",
)
DATABASE_REMNANT = _code(
    "PP112",
    "database remnants in a --db none project",
    "warning",
    False,
    "A project created with `--db none` contains Alembic or database files.",
)
FILE_UNPARSABLE = _code(
    "PP120",
    "file cannot be parsed",
    "error",
    False,
    "A Python (or TOML) file has a syntax error; it is reported once, and its "
    "wiring is not checked until it parses.",
)
FILE_NOT_UTF8 = _code(
    "PP121",
    "file not UTF-8",
    "error",
    False,
    "A file PolePosition reads is not valid UTF-8; it is reported once.",
)
STARTER_UNWIRED = _code(
    "PP122",
    "starter module unwired",
    "error",
    True,
    "The starter `status` module is not listed in the modules package's `__all__` "
    "(its route is registered by `create_app`, not by the API router file).",
    fix="Re-adds `status` to `__all__` above `# polepos:module-exports`.",
)
MODULE_FILES_MISSING = _code(
    "PP210",
    "module files missing",
    "error",
    False,
    "A recorded module lacks files its template generates (or its whole folder).",
)
TESTS_MISSING = _code(
    "PP211",
    "generated tests missing",
    "warning",
    False,
    "A recorded module's generated tests are gone.",
)
TESTS_ORPHANED = _code(
    "PP212",
    "orphaned tests",
    "warning",
    False,
    "Generated tests of a module that no longer exists are still in `tests/`.",
)
CIRCULAR_IMPORT = _code(
    "PP213",
    "circular import between modules",
    "warning",
    False,
    "Modules import each other in a cycle; each cycle is reported once, named from "
    "its smallest member.",
)
MODULE_UNRECORDED = _code(
    "PP214",
    "module not recorded",
    "warning",
    False,
    "A folder under `modules/` is wired or exported but not recorded in the "
    "manifest, so `remove` and `check` cannot know its template.",
)
HASHES_MISSING = _code(
    "PP250",
    "content hashes missing",
    "warning",
    False,
    "A recorded module has no content hashes in `.poleposition.lock`, so `remove` "
    "treats its files as edited.",
)
SCAFFOLD_FILES_MISSING = _code(
    "PP301",
    "integration files missing",
    "error",
    False,
    "Files of an integration, of auth or of the shared LLM scaffold are missing.",
)
# Fields added with `polepos add field` (PP280-PP289), checked per recorded field.
FIELD_MISSING = _code(
    "PP280",
    "recorded field missing",
    "error",
    True,
    "A field recorded under [fields] in the manifest is missing from the model, a "
    "schema or the generated tests' sample values.",
    fix="Re-adds the field's line above `# polepos:fields` with the imports it "
    "needs (codemods.fields_model / fields_schema / fields_sample).",
)
FIELD_CHANGED = _code(
    "PP281",
    "recorded field changed",
    "error",
    False,
    "A recorded field is defined twice or differs from the line `polepos add field` "
    "wrote (model/schema drift); `remove field` refuses it until it matches again.",
)
FIELDS_MARKER_MISSING = _code(
    "PP282",
    "fields marker missing",
    "error",
    True,
    "A model, schema or sample body of a module with recorded fields lacks its "
    "`# polepos:fields` marker.",
    fix="Restores the marker directly below the body's last field "
    "(codemods.fields_body.RestoreFieldsMarker).",
)
FIELDS_UNKNOWN_MODULE = _code(
    "PP283",
    "fields of an unknown module",
    "error",
    True,
    "[fields] in the manifest records fields for a module that is not recorded, "
    "or whose template has no model.",
    fix="Drops the module's entry from [fields] (codemods.fields_manifest).",
)
FIELDS_INVALID = _code(
    "PP284",
    "invalid recorded field",
    "error",
    False,
    "[fields] in the manifest holds a value that is not a list of field specs "
    "(`name:type[:modifier...]`, separated by spaces).",
)


# Ownership by provenance: see docs/managed-blocks.md, "Provenance".
NAME_COLLISION = _code(
    "PP270",
    "managed name bound by user code",
    "error",
    False,
    "A name the wiring of a recorded module or feature binds (`<m>_router`, "
    "`<m>_model`, a settings field) is also bound or defined by code PolePosition "
    "did not write, so one shadows the other (ruff F811).",
)
RECEIVER_MISSING = _code(
    "PP271",
    "router receiver not found",
    "error",
    False,
    "The router file has no `APIRouter()` or `FastAPI()` object for the managed "
    "includes, or the includes call a name the file does not define (NameError "
    "on import).",
)
IMPORT_PLACEMENT = _code(
    "PP272",
    "import marker below code",
    "error",
    False,
    "The import marker follows a statement that is not an import, so a managed "
    "import above it would not be at the top of the file (ruff E402).",
)
SETTINGS_IMPORT_MISSING = _code(
    "PP273",
    "settings import missing",
    "error",
    True,
    "A recorded settings block annotates a field with a `typing` name "
    "(`Literal`) that the settings file does not import, so loading the "
    "settings raises NameError.",
    fix="Imports the name again when the block's `add` imported it (recorded in "
    "the lock); an import the project wrote itself is left to you.",
)

# Containment and recorded state (core, PP030-PP039).
PATH_OUTSIDE_PROJECT = _code(
    "PP030",
    "path outside the project",
    "error",
    False,
    "The manifest or the lock names a path that is absolute, climbs out with "
    "`..`, is too long for the file system, or leads outside the project through "
    "a symbolic link; mutating commands refuse to touch it.",
)
LOCK_DAMAGED = _code(
    "PP031",
    "lock damaged",
    "error",
    False,
    "`.poleposition.lock` is not valid TOML or not in the shape PolePosition "
    "writes (a table per owner, `files` mapping paths to hashes); mutating "
    "commands refuse until it is restored.",
)
MODULE_NAME_INVALID = _code(
    "PP032",
    "manifest module name invalid",
    "error",
    False,
    "A `[modules]` or `[detached]` key is not a valid module name (a Python "
    "identifier that fits in a file name), so it cannot name a folder under "
    "`modules/`.",
)
MANAGED_FILE_LINKED = _code(
    "PP033",
    "managed file is a symbolic link",
    "error",
    False,
    "A file PolePosition edits (router, models, exports, settings, `.env.example`, "
    "`pyproject.toml`, manifest, lock) is a symbolic link; PolePosition neither "
    "replaces links nor writes through them, so adding or removing refuses.",
)
FILE_UNREADABLE = _code(
    "PP034",
    "file cannot be read",
    "error",
    False,
    "A file PolePosition reads cannot be opened (permissions, or a folder where a "
    "file should be); it is reported once.",
)


# Crash safety and import integrity.
INTERRUPTED_CHANGE = _code(
    "PP020",
    "interrupted change",
    "error",
    True,
    "A polepos command was stopped (killed, power loss) while it changed the project; "
    "its write-ahead journal `.poleposition.journal/` holds what every file it "
    "touched held before, so the project may be half-written until it is rolled "
    "back. The other checks wait until then.",
    fix="Rolls the change back from the journal: every file it touched gets its "
    "previous bytes back, files it created are removed, then the journal is "
    "deleted. Any other polepos command that changes the project does the same "
    "first.",
)
JOURNAL_DAMAGED = _code(
    "PP021",
    "journal damaged",
    "error",
    False,
    "`.poleposition.journal/plan.json` exists but cannot be read, so an interrupted "
    "change cannot be rolled back automatically.",
)
DATABASE_IMPORT_REMNANT = _code(
    "PP022",
    "database import in a --db none project",
    "warning",
    False,
    "A Python file of a project created with `--db none` imports SQLAlchemy or "
    "Alembic: a database remnant, like PP112's files.",
)
IMPORTED_FILE_MISSING = _code(
    "PP260",
    "imported file missing",
    "error",
    False,
    "A file of a recorded module imports a first-party module (`schemas.py`, "
    "`services/`, ...) that does not exist, so the application cannot import.",
)
