"""Checkers recognise reformatted wiring and report unmanaged shapes."""

from __future__ import annotations

import pytest

from codemods import (
    Presence,
    WiringError,
    checking,
    codes,
    export,
    model,
    python_source,
    router,
    settings,
)
from codemods.export import module_export
from codemods.model import ModelImport
from codemods.python_source import PYTHON
from codemods.router import RouterWiring
from codemods.settings import SettingsFields

USERS = RouterWiring(package="shop_api", module="users")

MULTILINE = """from fastapi import APIRouter

from shop_api.modules.users.router import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(
    users_router,
    prefix='/users',
    tags=['users'],
)
# polepos:router-includes
"""

EMPTY = """from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()

# polepos:router-includes
"""


def test_multiline_single_quoted_include_is_present_and_removable() -> None:
    document = PYTHON.parse(MULTILINE)
    assert USERS.observe(document).presence is Presence.PRESENT
    assert USERS.observe(document).lines == (3, 9)
    assert PYTHON.render(USERS.invert(document)) == EMPTY
    assert router.wired_modules(document, "shop_api") == ["users"]


def test_user_never_matches_users() -> None:
    document = PYTHON.parse(MULTILINE)
    assert RouterWiring(package="shop_api", module="user").observe(
        document
    ).presence is (Presence.ABSENT)
    assert PYTHON.render(
        RouterWiring(package="shop_api", module="user").invert(document)
    ) == (MULTILINE)


def test_alias_import_is_unmanaged_and_remove_refuses_with_the_line() -> None:
    text = (
        EMPTY.replace(
            "from fastapi import APIRouter\n",
            "from fastapi import APIRouter\n\n"
            "from shop_api.modules.users.router import router as u\n",
        )
        + "api_router.include_router(u, prefix='/users')\n"
    )
    document = PYTHON.parse(text)
    observation = USERS.observe(document)
    assert observation.presence is Presence.UNMANAGED
    assert observation.lines == (3, 10)
    with pytest.raises(WiringError, match=r"router\.py:3: .*`users`") as raised:
        USERS.invert(document)
    assert raised.value.line == 3
    with pytest.raises(WiringError):
        USERS.apply(document)
    [finding] = USERS.check(document)
    assert finding.code == codes.UNMANAGED_SHAPE.code
    assert finding.line == 3


def test_second_custom_include_is_unmanaged() -> None:
    text = MULTILINE + "\napi_router.include_router(users_router, prefix='/v2/users')\n"
    observation = USERS.observe(PYTHON.parse(text))
    assert observation.presence is Presence.UNMANAGED
    assert observation.lines == (16,)


def test_duplicated_include_is_reported_and_fixed_by_invert_then_apply() -> None:
    text = MULTILINE.replace(
        "# polepos:router-includes",
        'api_router.include_router(users_router, prefix="/users", tags=["users"])\n'
        "# polepos:router-includes",
    )
    document = PYTHON.parse(text)
    assert USERS.observe(document).presence is Presence.DUPLICATED
    assert [f.code for f in USERS.check(document)] == [codes.WIRING_DUPLICATED.code]
    fixed = USERS.apply(USERS.invert(document))
    assert USERS.observe(fixed).presence is Presence.PRESENT


def test_half_wired_router_reports_the_missing_half_and_apply_completes_it() -> None:
    text = EMPTY.replace(
        "from fastapi import APIRouter\n",
        "from fastapi import APIRouter\n\n"
        "from shop_api.modules.users.router import router as users_router\n",
    )
    document = PYTHON.parse(text)
    observation = USERS.observe(document)
    assert observation.presence is Presence.ABSENT
    assert observation.detail == "include missing"
    assert [f.code for f in USERS.check(document)] == [
        codes.ROUTER_INCLUDE_MISSING.code
    ]
    completed = PYTHON.parse(PYTHON.render(USERS.apply(document)))
    assert USERS.observe(completed).presence is Presence.PRESENT


def test_missing_and_duplicated_markers_become_pp1xx_findings() -> None:
    [missing] = USERS.check(PYTHON.parse("x = 1\n"))
    assert missing.code == "PP101"
    assert missing.path == "src/shop_api/api/router.py"
    doubled = PYTHON.parse(EMPTY + "# polepos:router-includes\n")
    [duplicated] = USERS.check(doubled)
    assert duplicated.code == "PP102"
    assert duplicated.line == 8


def test_block_order_is_checked_and_sorted() -> None:
    text = """from fastapi import APIRouter

from shop_api.modules.b.router import router as b_router
from shop_api.modules.a.router import router as a_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(a_router, prefix="/a", tags=["a"])
# polepos:router-includes
"""
    document = PYTHON.parse(text)
    [finding] = router.block_findings(document, "shop_api")
    assert finding.code == codes.BLOCK_OUT_OF_ORDER.code
    assert finding.line == 3
    fixed = router.sort_blocks(document, "shop_api")
    assert router.block_findings(fixed, "shop_api") == []
    assert "b_router\nfrom shop_api.modules.a" not in PYTHON.render(fixed)


def test_model_alias_import_elsewhere_is_unmanaged() -> None:
    text = (
        "from shop_api.modules.users import model\n\n\n"
        'def import_models() -> None:\n    """Doc."""\n    # polepos:model-imports\n'
    )
    observation = ModelImport("shop_api", "users").observe(PYTHON.parse(text))
    assert observation.presence is Presence.UNMANAGED
    assert observation.lines == (1,)


_MODELS_HEAD = 'def import_models() -> None:\n    """Doc."""\n'
_MODELS_TAIL = "\n    # polepos:model-imports\n"
_LEGACY_SHAPES = [
    # Written before the per-file F401 ignore: one line, however long.
    "    from shop_api.modules.customer_shipping_addresses import"
    " model as customer_shipping_addresses_model  # noqa: F401\n",
    # The same line after black wrapped it.
    "    from shop_api.modules.customer_shipping_addresses import (\n"
    "        model as customer_shipping_addresses_model,\n"
    "    )  # noqa: F401\n",
]


@pytest.mark.parametrize("line", _LEGACY_SHAPES, ids=["flat", "black-wrapped"])
def test_legacy_noqa_model_import_is_managed_and_removed_exactly(line: str) -> None:
    operation = ModelImport("shop_api", "customer_shipping_addresses")
    users = "    from shop_api.modules.users import model as users_model\n"
    text = _MODELS_HEAD + line + users + _MODELS_TAIL
    document = PYTHON.parse(text)
    observation = operation.observe(document)
    assert observation.presence is Presence.PRESENT
    assert observation.lines == (3,)
    assert operation.check(document) == []
    assert model.wired_modules(document, "shop_api") == [
        "customer_shipping_addresses",
        "users",
    ]
    assert operation.apply(document) is document
    inverted = PYTHON.render(operation.invert(document))
    assert inverted == _MODELS_HEAD + users + _MODELS_TAIL
    # The last one out takes the block's separator line with it, as ever.
    alone = PYTHON.parse(_MODELS_HEAD + line + _MODELS_TAIL)
    emptied = PYTHON.render(operation.invert(alone))
    assert emptied == _MODELS_HEAD + _MODELS_TAIL.lstrip("\n")


def test_export_outside_the_block_is_unmanaged() -> None:
    text = '__all__ = [\n    "a",\n    # polepos:module-exports\n    "users",\n]\n'
    operation = module_export("shop_api", "users")
    document = PYTHON.parse(text)
    assert operation.observe(document).presence is Presence.UNMANAGED
    assert export.wired_names(document) == ["a"]


def test_settings_partly_present_is_unmanaged() -> None:
    text = (
        "class Settings:\n"
        "    redis_url: str = 'x'\n\n"
        "    # polepos:integration-settings\n"
    )
    operation = SettingsFields(
        "settings.py",
        "# polepos:integration-settings",
        [("redis_enabled", "bool", "False"), ("redis_url", "str", "'x'")],
    )
    document = PYTHON.parse(text)
    assert operation.observe(document).presence is Presence.UNMANAGED
    with pytest.raises(WiringError, match=r"settings\.py:2"):
        operation.apply(document)
    assert settings.field_names(document, "integration-settings", "settings.py") == [
        "redis_url"
    ]


def test_one_scan_serves_every_checker_of_a_file() -> None:
    document = PYTHON.parse(MULTILINE)
    calls = 0
    original = python_source._Scanner.visit_Module

    def counting(self: python_source._Scanner, node: object) -> bool:
        nonlocal calls
        calls += 1
        return original(self, node)  # type: ignore[arg-type]

    python_source._Scanner.visit_Module = counting  # type: ignore[method-assign]
    try:
        operations = [
            RouterWiring(package="shop_api", module=m) for m in ("users", "a", "b")
        ]
        findings = checking.check_all(document, operations)
    finally:
        python_source._Scanner.visit_Module = original  # type: ignore[method-assign]
    assert calls == 1
    assert [f.code for f in findings] == ["PP201", "PP202", "PP201", "PP202"]


def test_invalid_names_are_refused() -> None:
    for bad in ("class", "1users", "users-api", ""):
        with pytest.raises(ValueError, match="is not a valid Python identifier"):
            RouterWiring(package="shop_api", module=bad)


def test_operations_are_frozen_and_default_their_path() -> None:
    assert USERS.path == "src/shop_api/api/router.py"
    assert ModelImport("shop_api", "users").path == "src/shop_api/db/models.py"
    with pytest.raises(AttributeError):
        USERS.module = "x"  # type: ignore[misc]
    assert RouterWiring(package="shop_api", module="users") == USERS
