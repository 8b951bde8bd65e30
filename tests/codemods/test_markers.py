"""`RestoreMarker`: every marker deleted from real generated files comes back at its
place, black/isort clean, with the wiring kinds working afterwards."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from codemods import Presence, WiringError, codes
from codemods.env import ENV_FORMAT, EnvBlock
from codemods.export import ExportEntry, integration_export, module_export
from codemods.markers import (
    ENV_ORDER,
    EXPORT_MARKERS,
    MODEL_IMPORTS,
    ROUTER_IMPORTS,
    ROUTER_INCLUDES,
    SETTINGS_ORDER,
    expected_markers,
    restore_marker,
    restore_operations,
)
from codemods.model import ModelImport
from codemods.python_source import PYTHON
from codemods.router import RouterWiring
from codemods.settings import SettingsFields
from pole_position.cli.main import main
from tests.codemods._support import PACKAGE, is_black_clean, is_isort_clean

ROUTER = f"src/{PACKAGE}/api/router.py"
MODELS = f"src/{PACKAGE}/db/models.py"
MODULES = f"src/{PACKAGE}/modules/__init__.py"
INTEGRATIONS = f"src/{PACKAGE}/integrations/__init__.py"
SETTINGS = f"src/{PACKAGE}/settings.py"
ENV = ".env.example"

Files = dict[str, str]


# --- project states -------------------------------------------------------------


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Files]:
    """The managed files of `polepos start shop-api` (sqlite and --db none)."""
    projects: dict[str, Files] = {}
    for db in ("sqlite", "none"):
        parent = tmp_path_factory.mktemp(f"start-{db}")
        with contextlib.chdir(parent):
            assert main(["start", "shop-api", "--db", db]) == 0
        root = parent / "shop-api"
        projects[db] = {
            path: (root / path).read_bytes().decode("utf-8")
            for path in expected_markers(PACKAGE, db)
        }
    return projects


def _apply(path: str, text: str, operations: list[Any]) -> str:
    document = operations[0].format.parse(text)
    for operation in operations:
        document = operation.apply(document)
    rendered: str = operations[0].format.render(document)
    return rendered


REDIS_FIELDS = [
    ("redis_enabled", "bool", "False"),
    ("redis_url", "str", '"redis://localhost:6379/0"'),
]
LLM_FIELDS = [("llm_provider", "str", '"openai"'), ("llm_api_key", "str", '""')]


def _wired(files: Files) -> Files:
    """Modules, exports, an LLM block and an integration block wired by the kinds."""
    operations: dict[str, list[Any]] = {
        ROUTER: [
            RouterWiring(package=PACKAGE, module="users"),
            RouterWiring(package=PACKAGE, module="customers"),
        ],
        MODELS: [
            ModelImport(package=PACKAGE, module="users"),
            ModelImport(package=PACKAGE, module="customers"),
        ],
        MODULES: [module_export(PACKAGE, "users"), module_export(PACKAGE, "customers")],
        INTEGRATIONS: [integration_export(PACKAGE, "redis")],
        SETTINGS: [
            SettingsFields(
                SETTINGS, "# polepos:llm-settings", LLM_FIELDS, "LLM provider: test"
            ),
            SettingsFields(
                SETTINGS,
                "# polepos:integration-settings",
                REDIS_FIELDS,
                "Redis: polepos add integration redis",
            ),
        ],
        ENV: [
            EnvBlock(
                "# polepos:llm-env",
                (("LLM_PROVIDER", "openai"),),
                header="LLM provider: test",
            ),
            EnvBlock(
                "# polepos:integration-env",
                (("REDIS_ENABLED", "false"), ("REDIS_URL", "redis://x:6379/0")),
                header="Redis: polepos add integration redis",
            ),
        ],
    }
    return {path: _apply(path, text, operations[path]) for path, text in files.items()}


MULTILINE_INCLUDE = """\
api_router.include_router(
    customers_router,
    prefix="/customers",
    tags=["customers"],
    include_in_schema=False,
)
"""


def _multiline(files: Files) -> Files:
    """The include written by hand over several lines (black keeps it exploded)."""
    files = _wired(files)
    one_line = (
        "api_router.include_router("
        'customers_router, prefix="/customers", tags=["customers"])\n'
    )
    assert one_line in files[ROUTER]
    return {**files, ROUTER: files[ROUTER].replace(one_line, MULTILINE_INCLUDE)}


STATES: dict[str, tuple[str, Callable[[Files], Files]]] = {
    "fresh": ("sqlite", lambda files: files),
    "fresh-nodb": ("none", lambda files: files),
    "wired": ("sqlite", _wired),
    "multiline-include": ("sqlite", _multiline),
}


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


CASES = [
    (state, newline, path, marker)
    for state, (db, _) in STATES.items()
    for newline in ("lf", "crlf")
    for path, markers in expected_markers(PACKAGE, db).items()
    for marker in markers
]


@pytest.fixture(scope="module")
def states(generated: dict[str, Files]) -> dict[tuple[str, str], Files]:
    built: dict[tuple[str, str], Files] = {}
    for state, (db, build) in STATES.items():
        files = build(generated[db])
        built[(state, "lf")] = files
        built[(state, "crlf")] = {path: _crlf(text) for path, text in files.items()}
    return built


# --- helpers ---------------------------------------------------------------------


def _deletions(text: str, marker: str) -> dict[str, str]:
    """The file without the marker line: alone, with the blank line above, below."""
    lines = text.splitlines(keepends=True)
    [at] = [i for i, line in enumerate(lines) if line.strip() == marker]
    variants = {"line": lines[:at] + lines[at + 1 :]}
    if at > 0 and not lines[at - 1].strip():
        variants["with-blank-above"] = lines[: at - 1] + lines[at + 1 :]
    if at + 1 < len(lines) and not lines[at + 1].strip():
        variants["with-blank-below"] = lines[:at] + lines[at + 2 :]
    return {name: "".join(kept) for name, kept in variants.items()}


def _is_clean(text: str) -> bool:
    lf = text.replace("\r\n", "\n")
    return is_black_clean(lf) and is_isort_clean(lf)


def _wiring(path: str, marker: str) -> Any:
    """A wiring operation anchored on `marker`, to run after a restore."""
    if marker in (ROUTER_IMPORTS, ROUTER_INCLUDES):
        return RouterWiring(package=PACKAGE, module="zeta")
    if marker == MODEL_IMPORTS:
        return ModelImport(package=PACKAGE, module="zeta")
    if marker in EXPORT_MARKERS:
        return ExportEntry(path, "zeta", marker)
    if marker in SETTINGS_ORDER:
        return SettingsFields(path, marker, [("zeta_key", "str", '""')], "Zeta: test")
    assert marker in ENV_ORDER
    return EnvBlock(marker, (("ZETA_KEY", "x"),), header="Zeta: test")


def _roundtrip(operation: Any, text: str) -> str:
    return str(operation.format.render(operation.apply(operation.format.parse(text))))


# --- the property over every marker of every state ------------------------------


@pytest.mark.parametrize(
    ("state", "newline", "path", "marker"),
    CASES,
    ids=[f"{s}-{n}-{m.split(':')[1]}" for s, n, _, m in CASES],
)
def test_restore_deleted_marker(
    states: dict[tuple[str, str], Files],
    state: str,
    newline: str,
    path: str,
    marker: str,
) -> None:
    original = states[(state, newline)][path]
    operation = restore_marker(path, marker)
    fmt = operation.format
    python = fmt is PYTHON
    assert not python or _is_clean(original)
    assert operation.observe(fmt.parse(original)).presence is Presence.PRESENT
    assert operation.check(fmt.parse(original)) == []

    # Taking the marker away and restoring it is the identity.
    removed = fmt.render(operation.invert(fmt.parse(original)))
    assert marker not in removed
    assert _roundtrip(operation, removed) == original

    exact = []
    for name, deleted in _deletions(original, marker).items():
        document = fmt.parse(deleted)
        assert operation.observe(document).presence is Presence.ABSENT
        [finding] = operation.check(document)
        assert finding.code == "PP101"
        assert finding.fixable
        assert finding.path == path
        restored_doc = operation.apply(document)
        restored = fmt.render(restored_doc)
        exact.append(restored == original)
        stripped = [line.strip() for line in restored.splitlines()]
        assert finding.line == stripped.index(marker) + 1, name
        assert operation.observe(fmt.parse(restored)).presence is Presence.PRESENT
        if newline == "crlf":
            assert restored.count("\n") == restored.count("\r\n"), name
        if python and _is_clean(deleted):
            assert _is_clean(restored), (name, restored)
        # idempotent, exact inverse
        assert _roundtrip(operation, restored) == restored, name
        assert fmt.render(operation.invert(fmt.parse(restored))) == deleted, name
        # the wiring kinds work on the restored file, and stay clean
        wiring = _wiring(path, marker)
        wired = _roundtrip(wiring, restored)
        assert wired != restored
        assert wiring.observe(fmt.parse(wired)).presence is Presence.PRESENT
        assert fmt.render(wiring.invert(fmt.parse(wired))) == restored
        if python and _is_clean(restored):
            assert _is_clean(wired), (name, wired)
    # Deleted together with the blank line it brought, the marker comes back exactly.
    assert any(exact), exact


# --- shapes written out -----------------------------------------------------------


def _restore(path: str, marker: str, text: str) -> str:
    return _roundtrip(restore_marker(path, marker), text)


def _invert(path: str, marker: str, text: str) -> str:
    operation = restore_marker(path, marker)
    return str(operation.format.render(operation.invert(operation.format.parse(text))))


ROUTER_HEAD = '''"""API composition."""

from fastapi import APIRouter

from shop_api.modules.status.router import router as status_router
'''


def test_includes_marker_goes_after_a_multiline_include_not_inside_it() -> None:
    text = ROUTER_HEAD + (
        "\n# polepos:router-imports\n\napi_router = APIRouter()\n\n" + MULTILINE_INCLUDE
    )
    restored = _restore(ROUTER, ROUTER_INCLUDES, text)
    assert restored == text + "# polepos:router-includes\n"
    assert _is_clean(restored)


def test_includes_marker_without_includes_goes_below_the_router() -> None:
    text = ROUTER_HEAD + (
        "\n# polepos:router-imports\n\napi_router = APIRouter()\n\n\ndef f() -> None:"
        "\n    pass\n"
    )
    restored = _restore(ROUTER, ROUTER_INCLUDES, text)
    assert (
        "api_router = APIRouter()\n\n# polepos:router-includes\n\n\ndef f" in restored
    )
    assert _is_clean(restored)


def test_imports_marker_without_router_imports_goes_below_the_last_import() -> None:
    text = '"""Doc."""\n\nfrom fastapi import APIRouter\n\napi_router = APIRouter()\n'
    restored = _restore(ROUTER, ROUTER_IMPORTS, text)
    assert restored == (
        '"""Doc."""\n\nfrom fastapi import APIRouter\n\n# polepos:router-imports\n\n'
        "api_router = APIRouter()\n"
    )
    assert _invert(ROUTER, ROUTER_IMPORTS, restored) == text


def test_model_marker_after_the_docstring_or_below_the_imports() -> None:
    head = '"""Doc."""\n\n\ndef import_models() -> None:\n    """Import."""\n'
    assert (
        _restore(MODELS, MODEL_IMPORTS, head) == head + "    # polepos:model-imports\n"
    )
    imports = head + "    from shop_api.modules.a import model as a_model\n"
    restored = _restore(MODELS, MODEL_IMPORTS, imports + "\n\nX = 1\n")
    assert restored == imports + "\n    # polepos:model-imports\n\n\nX = 1\n"
    assert _is_clean(restored)


ENV_PY = f"src/{PACKAGE}/alembic/env.py"
ADOPTED_ENV = (
    f"from alembic import context\n\nfrom {PACKAGE}.models import Base\n"
    "\n# polepos:model-imports\n\nconfig = context.config\n"
)


def test_model_marker_without_import_models_goes_below_the_last_import() -> None:
    """An adopted project imports its models at the top of Alembic's env.py."""
    deleted = ADOPTED_ENV.replace("\n# polepos:model-imports\n", "")
    operation = restore_marker(ENV_PY, MODEL_IMPORTS)
    [finding] = operation.check(PYTHON.parse(deleted))
    assert (finding.code, finding.fixable, finding.line) == ("PP101", True, 5)
    assert _restore(ENV_PY, MODEL_IMPORTS, deleted) == ADOPTED_ENV
    assert _invert(ENV_PY, MODEL_IMPORTS, ADOPTED_ENV) == deleted
    assert _is_clean(ADOPTED_ENV)
    # The model wiring works on the restored file, and takes back exactly its line.
    wiring = _wiring(ENV_PY, MODEL_IMPORTS)
    wired = _roundtrip(wiring, ADOPTED_ENV)
    assert wiring.observe(PYTHON.parse(wired)).presence is Presence.PRESENT
    assert str(PYTHON.render(wiring.invert(PYTHON.parse(wired)))) == ADOPTED_ENV


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("__all__ = []\n", "__all__ = [\n    # polepos:module-exports\n]\n"),
        ("__all__ = [\n]\n", "__all__ = [\n    # polepos:module-exports\n]\n"),
        (
            '__all__ = ["a", "b"]\n',
            '__all__ = [\n    "a",\n    "b",\n    # polepos:module-exports\n]\n',
        ),
        (
            '__all__ = [\n    "a",\n    "b",  # kept\n    # user\n]\n',
            '__all__ = [\n    "a",\n    "b",  # kept\n    # polepos:module-exports\n'
            "    # user\n]\n",
        ),
    ],
    ids=["empty", "empty-exploded", "one-line", "comments"],
)
def test_exports_marker_is_the_last_line_of_an_exploded_list(
    source: str, expected: str
) -> None:
    restored = _restore(MODULES, "module-exports", source)
    assert restored == expected
    assert is_black_clean(restored)
    wired = _roundtrip(ExportEntry(MODULES, "c"), restored)
    assert '    "c",\n    # polepos:module-exports' in wired


def test_settings_markers_keep_their_order() -> None:
    head = 'class Settings(BaseSettings):\n    """S."""\n\n    a: int = 1\n'
    tail = "\n    def f(self) -> None:\n        pass\n"
    text = head + tail
    for marker in SETTINGS_ORDER:
        text = _restore(SETTINGS, marker, text)
    assert (
        text
        == head
        + (
            "\n    # polepos:auth-settings\n\n    # polepos:llm-settings\n\n"
            "    # polepos:integration-settings\n"
        )
        + tail
    )
    assert is_black_clean(text)
    # Restored in reverse order the result is the same.
    reverse = head + tail
    for marker in reversed(SETTINGS_ORDER):
        reverse = _restore(SETTINGS, marker, reverse)
    assert reverse == text


def test_env_marker_at_the_end_keeps_missing_final_newline_and_crlf() -> None:
    text = "A=1\r\n\r\n# polepos:auth-env\r\n\r\n# polepos:llm-env"
    restored = _restore(ENV, "integration-env", text)
    assert restored == text + "\r\n\r\n# polepos:integration-env"
    assert _invert(ENV, "integration-env", restored) == text
    assert _restore(ENV, "auth-env", "") == "# polepos:auth-env\n"
    assert _invert(ENV, "auth-env", "# polepos:auth-env\n") == ""


# --- refusals, duplicates, registry ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "marker", "text"),
    [
        (MODELS, MODEL_IMPORTS, '"""No function."""\n'),
        (MODULES, "module-exports", '"""No list."""\n'),
        (MODULES, "module-exports", '__all__ = ("a",)\n'),
        (SETTINGS, "auth-settings", "class Other:\n    a: int = 1\n"),
        (ROUTER, ROUTER_INCLUDES, "from fastapi import APIRouter\n"),
        (ROUTER, ROUTER_IMPORTS, "x = 1\n"),
    ],
)
def test_unrestorable_places_raise_and_are_not_fixable(
    path: str, marker: str, text: str
) -> None:
    operation = restore_marker(path, marker)
    document = PYTHON.parse(text)
    with pytest.raises(WiringError):
        operation.apply(document)
    [finding] = operation.check(document)
    assert finding.code == "PP101"
    assert not finding.fixable
    assert operation.invert(document) is document


def test_duplicated_markers_are_reported_with_both_lines(
    generated: dict[str, Files],
) -> None:
    text = generated["sqlite"][ROUTER] + "\n# polepos:router-includes\n"
    operation = restore_marker(ROUTER, "router-includes")
    document = PYTHON.parse(text)
    first = text.splitlines().index("# polepos:router-includes") + 1
    last = len(text.splitlines())
    observation = operation.observe(document)
    assert observation.presence is Presence.DUPLICATED
    assert observation.lines == (first, last)
    [finding] = operation.check(document)
    assert finding.code == "PP102"
    assert not finding.fixable
    assert finding.line == last
    assert f"lines {first}, {last}" in finding.message
    assert operation.apply(document) is document

    env = generated["sqlite"][ENV] + "# polepos:auth-env\n"
    env_op = restore_marker(ENV, "# polepos:auth-env")
    lines = env.splitlines()
    expected = tuple(i + 1 for i, line in enumerate(lines) if line == env_op.marker)
    assert len(expected) == 2
    assert env_op.observe(ENV_FORMAT.parse(env)).lines == expected
    assert [f.code for f in env_op.check(ENV_FORMAT.parse(env))] == ["PP102"]


def test_registry_expected_markers_and_formats() -> None:
    assert codes.MARKER_MISSING.fixable
    assert codes.MARKER_MISSING.fix
    assert not codes.MARKER_DUPLICATED.fixable
    sqlite = expected_markers(PACKAGE, "sqlite")
    assert MODELS in sqlite
    assert MODELS not in expected_markers(PACKAGE, "none")
    assert sqlite[ENV] == ENV_ORDER
    assert sqlite[SETTINGS] == SETTINGS_ORDER
    operations = restore_operations(PACKAGE, "postgres")
    assert len(operations) == sum(len(m) for m in sqlite.values())
    assert {op.format for op in operations} == {PYTHON, ENV_FORMAT}
    assert restore_marker(ENV, "polepos:llm-env").marker == "# polepos:llm-env"
    with pytest.raises(ValueError, match="not a marker PolePosition manages"):
        restore_marker(ENV, "# polepos:unknown")


def test_markers_module_stays_off_the_heavy_imports() -> None:
    source = Path(__file__).resolve().parents[2] / "codemods" / "markers.py"
    text = source.read_text(encoding="utf-8")
    assert "libcst.codemod" not in text
    assert "libcst.matchers" not in text
