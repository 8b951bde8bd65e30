"""Ownership by provenance (SPEC section 17): managed lines are lines the tool wrote.

The golden refusal cases (tests/cases/*/collision_*, lookalike_*, receiver_*,
placement_*) cover each operation; these tests cover the rule itself and the
commands a user types.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import libcst as cst
import pytest

from codemods import Presence, WiringError, codes, router
from codemods.env import ENV_FORMAT, EnvBlock
from codemods.export import integration_export, module_export
from codemods.model import ModelImport
from codemods.provenance import claim_errors
from codemods.python_source import PYTHON
from codemods.router import RouterWiring
from codemods.settings import SettingsFields
from tests.codemods._support import (
    PACKAGE,
    all_cases,
    is_black_clean,
    is_isort_clean,
    make_operation,
    managed_file,
)
from tests.conftest import Runner, tree_digest

ROUTER = f"src/{PACKAGE}/api/router.py"
SETTINGS = """class Settings(BaseSettings):
    app_name: str = "x"

    # polepos:auth-settings

    # polepos:llm-settings

    # polepos:integration-settings
"""
ENV = (
    "APP_NAME=x\n\n# polepos:auth-env\n\n# polepos:llm-env\n\n"
    "# polepos:integration-env\n"
)
REDIS_FIELDS = [("redis_enabled", "bool", "False"), ("redis_url", "str", '"redis://"')]


def _kinds() -> list[tuple[str, Any, Callable[[], Any], Any]]:
    """(id, operation, empty document factory, format) of every wiring kind."""
    python = [
        ("router", RouterWiring(package=PACKAGE, module="users"), "api/router.py"),
        ("model", ModelImport(package=PACKAGE, module="users"), "db/models.py"),
        ("export", module_export(PACKAGE, "users"), "modules/__init__.py"),
        (
            "integration-export",
            integration_export(PACKAGE, "redis"),
            "integrations/__init__.py",
        ),
    ]
    kinds: list[tuple[str, Any, Callable[[], Any], Any]] = [
        (name, op, lambda rel=rel: PYTHON.parse(managed_file(rel)), PYTHON)
        for name, op, rel in python
    ]
    kinds.append(
        (
            "settings",
            SettingsFields(
                f"src/{PACKAGE}/settings.py",
                "integration-settings",
                REDIS_FIELDS,
                "Redis",
            ),
            lambda: PYTHON.parse(SETTINGS),
            PYTHON,
        )
    )
    kinds.append(
        (
            "env",
            EnvBlock(
                marker="# polepos:integration-env",
                required=(("REDIS_URL", "redis://"),),
                optional=(("REDIS_POOL", "10"),),
                header="Redis",
            ),
            lambda: ENV_FORMAT.parse(ENV),
            ENV_FORMAT,
        )
    )
    return kinds


KINDS = _kinds()


@pytest.mark.parametrize(
    ("name", "operation", "empty", "fmt"), KINDS, ids=[k[0] for k in KINDS]
)
def test_whatever_the_tool_writes_add_refuses_to_find_already_there(
    name: str, operation: Any, empty: Callable[[], Any], fmt: Any
) -> None:
    """The provenance rule's premise: a line of the managed shape that exists before
    `add` stops the add. So a managed-shape line of a recorded name was written by
    the tool, and an inverse deletes nothing the user wrote."""
    document = empty()
    assert claim_errors(operation, document) == []
    applied = fmt.parse(fmt.render(operation.apply(document)))
    errors = claim_errors(operation, applied)
    assert errors
    assert all(e.line and e.path == operation.path for e in errors)
    # Recorded (not fresh), the same lines are the tool's: no collision.
    assert operation.collisions(applied) == []


def test_add_module_refuses_a_router_name_the_user_bound(
    project_factory: Callable[..., Path], polepos: Runner
) -> None:
    root = project_factory()
    path = root / ROUTER
    text = path.read_text().replace(
        "from fastapi import APIRouter\n",
        "from fastapi import APIRouter\n\n"
        f"from {PACKAGE}.api.users import router as users_router\n",
    )
    text = text.replace(
        "# polepos:router-includes",
        "api_router.include_router(users_router)\n# polepos:router-includes",
    )
    path.write_text(text)
    before = tree_digest(root)
    result = polepos("add", "module", "users", cwd=root)
    assert result.exit_code == 1
    assert f"{ROUTER}:5: `users_router`" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(root) == before
    # The user's include is not mistaken for (orphaned) managed wiring either.
    assert polepos("check", cwd=root).exit_code == 0


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ('users_router = APIRouter(prefix="/u")\n', 8),
        ("def users_router() -> None:\n    pass\n", 8),
    ],
    ids=["assigned", "def"],
)
def test_add_module_refuses_a_local_definition_and_check_reports_one_made_later(
    project_factory: Callable[..., Path], polepos: Runner, code: str, line: int
) -> None:
    root = project_factory()
    path = root / ROUTER
    original = path.read_text()
    path.write_text(
        original.replace(
            "api_router = APIRouter()\n", f"api_router = APIRouter()\n{code}"
        )
    )
    refused = polepos("add", "module", "users", cwd=root)
    assert refused.exit_code == 1
    assert f"{ROUTER}:{line}:" in refused.stderr
    # Once the tool wired the module, a later shadowing binding is a PP270 error.
    path.write_text(original)
    assert polepos("add", "module", "users", cwd=root).exit_code == 0
    wired = path.read_text()
    path.write_text(wired + "\n" + code)
    checked = polepos("check", "--json", cwd=root)
    assert checked.exit_code == 1
    assert codes.NAME_COLLISION.code in checked.stdout
    assert f'"path": "{ROUTER}"' in checked.stdout


def test_add_module_refuses_an_export_entry_the_user_wrote(
    project_factory: Callable[..., Path], polepos: Runner
) -> None:
    root = project_factory()
    path = root / f"src/{PACKAGE}/modules/__init__.py"
    path.write_text(
        path.read_text().replace(
            "    # polepos:module-exports", '    "users",\n    # polepos:module-exports'
        )
    )
    before = tree_digest(root)
    result = polepos("add", "module", "users", cwd=root)
    assert result.exit_code == 1
    assert f"src/{PACKAGE}/modules/__init__.py:" in result.stderr
    assert "`users`" in result.stderr
    assert tree_digest(root) == before


def test_add_integration_refuses_a_settings_property_and_check_reports_it_later(
    project_factory: Callable[..., Path], polepos: Runner
) -> None:
    root = project_factory()
    path = root / f"src/{PACKAGE}/settings.py"
    original = path.read_text()
    prop = (
        "\n    @property\n    def redis_url(self) -> str:\n"
        '        return "redis://localhost:6379/0"\n'
    )
    shadowed = original.replace(
        "class Settings(BaseSettings):\n", "class Settings(BaseSettings):\n" + prop, 1
    )
    assert shadowed != original
    path.write_text(shadowed)
    before = tree_digest(root)
    result = polepos("add", "integration", "redis", cwd=root)
    assert result.exit_code == 1
    assert f"src/{PACKAGE}/settings.py:" in result.stderr
    assert "`redis_url`" in result.stderr
    assert tree_digest(root) == before
    path.write_text(original)
    assert polepos("add", "integration", "redis", cwd=root).exit_code == 0
    path.write_text(
        path.read_text().replace(
            "class Settings(BaseSettings):\n",
            "class Settings(BaseSettings):\n" + prop,
            1,
        )
    )
    checked = polepos("check", "--json", cwd=root)
    assert codes.NAME_COLLISION.code in checked.stdout


def test_add_integration_refuses_an_env_key_the_user_set(
    project_factory: Callable[..., Path], polepos: Runner
) -> None:
    root = project_factory()
    path = root / ".env.example"
    path.write_text("REDIS_URL=redis://cache:6379/1\n" + path.read_text())
    before = tree_digest(root)
    result = polepos("add", "integration", "redis", cwd=root)
    assert result.exit_code == 1
    assert ".env.example:1: `REDIS_URL`" in result.stderr
    assert tree_digest(root) == before


def test_remove_never_deletes_a_custom_prefix_include(
    project_factory: Callable[..., Path], polepos: Runner
) -> None:
    """The tool's include, edited to a custom prefix, is the user's now."""
    root = project_factory()
    assert polepos("add", "module", "users", cwd=root).exit_code == 0
    path = root / ROUTER
    path.write_text(path.read_text().replace('prefix="/users"', 'prefix="/v1/users"'))
    before = tree_digest(root)
    result = polepos("remove", "module", "users", cwd=root)
    assert result.exit_code == 1
    assert f"{ROUTER}:" in result.stderr
    assert tree_digest(root) == before


def test_check_reports_a_shadowing_import_next_to_the_managed_one() -> None:
    """The state today's `add` left behind: the tool's import shadows the user's."""
    text = managed_file("api/router.py")
    operation = RouterWiring(package=PACKAGE, module="users")
    wired = PYTHON.render(operation.apply(PYTHON.parse(text)))
    shadowed = wired.replace(
        "from fastapi import APIRouter\n",
        "from fastapi import APIRouter\n\n"
        f"from {PACKAGE}.api.users import router as users_router\n",
    )
    module = PYTHON.parse(shadowed)
    findings = operation.check(module)
    assert [(f.code, f.line, f.severity) for f in findings] == [
        (codes.NAME_COLLISION.code, 5, "error")
    ]
    with pytest.raises(WiringError):
        operation.apply(module)
    # The inverse removes the tool's lines only; the user's import stays.
    inverted = PYTHON.render(operation.invert(module))
    assert f"from {PACKAGE}.api.users import router as users_router\n" in inverted
    assert "include_router(users_router" not in inverted


LOOKALIKES = {
    "custom-prefix-include": (
        "# polepos:router-includes",
        'api_router.include_router(users_router, prefix="/v1", tags=["users"])\n'
        "# polepos:router-includes",
    ),
    "other-alias-import": (
        "\n# polepos:router-imports",
        f"from {PACKAGE}.modules.users.router import router as v1_users\n"
        "\n# polepos:router-imports",
    ),
    "other-tags-include": (
        "# polepos:router-includes",
        'api_router.include_router(users_router, prefix="/users", tags=["people"])\n'
        "# polepos:router-includes",
    ),
}


@pytest.mark.parametrize("edit", LOOKALIKES.values(), ids=list(LOOKALIKES))
def test_lookalike_router_lines_are_never_managed(edit: tuple[str, str]) -> None:
    """Near the markers but not of the managed shape: never adopted, never
    deleted, never reported as orphaned wiring."""
    text = managed_file("api/router.py").replace(*edit)
    document = PYTHON.parse(text)
    operation = RouterWiring(package=PACKAGE, module="users")
    assert operation.observe(document).presence is Presence.UNMANAGED
    assert "users" not in router.wired_modules(document, PACKAGE)
    assert claim_errors(operation, document)
    for face in (operation.apply, operation.invert):
        with pytest.raises(WiringError):
            face(document)


def test_lookalike_export_entry_is_refused_by_add_but_kept_by_check() -> None:
    text = managed_file("modules/__init__.py").replace(
        "    # polepos:module-exports", '    "users",\n    # polepos:module-exports'
    )
    document = PYTHON.parse(text)
    operation = module_export(PACKAGE, "users")
    [error] = claim_errors(operation, document)
    assert error.line == text.splitlines().index('    "users",') + 1


# --- nested markers and receivers ---------------------------------------------


NESTED = [c for c in all_cases() if c.name.startswith("nested_") and c.expected]


@pytest.mark.parametrize("case", NESTED, ids=[c.id for c in NESTED])
def test_nested_marker_output_is_formatter_clean(case: Any) -> None:
    assert case.expected is not None
    for line in case.expected.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        assert not ("\t" in indent and " " in indent), repr(line)  # ruff E101
    if "\t" not in case.expected:
        # black and isort rewrite tab indentation, so only space-indented files
        # can be clean for them; tab-indented ones must not mix (E101).
        assert is_black_clean(case.expected)
        assert is_isort_clean(case.expected)


def test_nested_marker_cases_cover_tabs_spaces_and_both_markers() -> None:
    names = {c.name for c in NESTED}
    assert {
        "nested_include_marker_spaces",
        "nested_include_marker_tabs",
        "nested_import_marker",
    } <= names


class _Router:
    """Just enough of FastAPI's `APIRouter`/`FastAPI` to see what gets included."""

    def __init__(self, **_: Any) -> None:
        self.routes: list[str] = []

    def add_api_route(self, path: str, endpoint: Any) -> None:
        self.routes.append(path)

    def include_router(
        self, router: _Router, prefix: str = "", tags: list[str] | None = None
    ) -> None:
        self.routes += [prefix + path for path in router.routes]


def _routes(case_name: str, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Execute a golden case's output with FastAPI and its module's router stubbed;
    the paths the receiver ends up serving (a wrong receiver is a NameError)."""
    [case] = [c for c in all_cases() if c.name == case_name]
    operation = make_operation(case.kind, case.args)
    code = PYTHON.render(operation.apply(PYTHON.parse(case.source)))
    fastapi = types.ModuleType("fastapi")
    fastapi.APIRouter = fastapi.FastAPI = _Router  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fastapi", fastapi)
    stub = types.ModuleType(f"{PACKAGE}.modules.{case.args['module']}.router")
    stub_router = _Router()
    stub_router.add_api_route("/ping", lambda: "pong")
    stub.router = stub_router  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, stub.__name__, stub)
    namespace: dict[str, Any] = {}
    exec(compile(code, ROUTER, "exec"), namespace)
    for factory in ("create_app", "build_router"):
        if factory in namespace:
            return set(namespace[factory]().routes)
    return set(namespace["router"].routes)


@pytest.mark.parametrize(
    ("case", "path"),
    [
        ("receiver_named_router", "/users/ping"),
        ("nested_include_marker_spaces", "/customer_shipping_addresses_archive/ping"),
        ("nested_include_marker_tabs", "/customer_shipping_addresses_archive/ping"),
    ],
)
def test_wired_router_file_runs_and_serves_the_module(
    case: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert path in _routes(case, monkeypatch)


def test_receiver_comes_from_the_file() -> None:
    site_text = (
        "from fastapi import FastAPI\n\n# polepos:router-imports\n\n"
        "app = FastAPI()\n\n# polepos:router-includes\n"
    )
    module = PYTHON.parse(site_text)
    from codemods.python_source import statement_site

    site = statement_site(module, router.INCLUDE_MARKER, ROUTER)
    receiver = router.find_receiver(module, site)
    assert (receiver.name, receiver.bound) == ("app", True)
    applied = PYTHON.render(RouterWiring(package=PACKAGE, module="users").apply(module))
    assert (
        'app.include_router(users_router, prefix="/users", tags=["users"])' in applied
    )


def test_refusals_name_the_line_once() -> None:
    text = (
        "from fastapi import APIRouter\n\nTAGS = 1\n\n# polepos:router-imports\n\n"
        "api_router = APIRouter()\n\n# polepos:router-includes\n"
    )
    with pytest.raises(WiringError) as raised:
        RouterWiring(package=PACKAGE, module="users").apply(PYTHON.parse(text))
    assert raised.value.line == 5
    assert "line 3" in raised.value.message
    assert ROUTER not in raised.value.message


def test_binding_scan_sees_the_usual_binding_forms() -> None:
    from codemods._bindings import binders

    code = """
import users_router
import a.b as users_router
from x import y as users_router
users_router = 1
users_router: int = 2
users_router += 1
a, (b, *users_router) = c
for users_router in []:
    pass
with open(f) as users_router:
    pass
try:
    pass
except E as users_router:
    pass
if x:
    def users_router(): pass
else:
    class users_router: pass
def other():
    users_router = 3
class Other:
    users_router = 4
"""
    module = cst.parse_module(code)
    assert len(binders(module.body, "users_router")) == 12


def test_tool_include_with_extra_keywords_stays_managed() -> None:
    """Adding `dependencies=...` to the tool's include keeps where it mounts the
    router: still the tool's line, so remove takes it back whole."""
    empty = managed_file("api/router.py")
    operation = RouterWiring(package=PACKAGE, module="users")
    wired = PYTHON.render(operation.apply(PYTHON.parse(empty)))
    edited = wired.replace(
        'tags=["users"])', 'tags=["users"], dependencies=[Depends(admin)])'
    )
    assert edited != wired
    document = PYTHON.parse(edited)
    assert operation.observe(document).presence is Presence.PRESENT
    assert PYTHON.render(operation.invert(document)) == empty


def test_include_marker_is_restored_below_any_receivers_includes() -> None:
    from codemods.markers import restore_marker

    text = (
        "from fastapi import FastAPI\n\n# polepos:router-imports\n\napp = FastAPI()\n\n"
        'app.include_router(users_router, prefix="/users", tags=["users"])\n'
    )
    operation = restore_marker(ROUTER, "router-includes")
    restored = PYTHON.render(operation.apply(PYTHON.parse(text)))
    assert restored == text + "# polepos:router-includes\n"
    assert PYTHON.render(operation.invert(PYTHON.parse(restored))) == text


def test_a_factory_parameter_is_a_receiver() -> None:
    text = (
        "from fastapi import FastAPI\n\n# polepos:router-imports\n\n\n"
        "def register(app: FastAPI) -> None:\n"
        '    """Mount the module routers."""\n'
        "    # polepos:router-includes\n"
    )
    operation = RouterWiring(package=PACKAGE, module="users")
    document = PYTHON.parse(text)
    assert operation.check(document)[0].code == codes.ROUTER_IMPORT_MISSING.code
    applied = PYTHON.render(operation.apply(document))
    assert '    app.include_router(users_router, prefix="/users"' in applied
    assert operation.check(PYTHON.parse(applied)) == []


def test_a_collision_makes_the_missing_wiring_unfixable() -> None:
    """`check --fix` would re-apply and refuse: the finding says so up front."""
    text = SETTINGS + (
        "\n    @property\n    def redis_url(self) -> str:\n        return 'x'\n"
    )
    operation = SettingsFields(
        f"src/{PACKAGE}/settings.py", "integration-settings", REDIS_FIELDS, "Redis"
    )
    findings = {f.code: f for f in operation.check(PYTHON.parse(text))}
    assert set(findings) == {codes.SETTINGS_MISSING.code, codes.NAME_COLLISION.code}
    assert not findings[codes.SETTINGS_MISSING.code].fixable
    assert findings[codes.NAME_COLLISION.code].line == 11
