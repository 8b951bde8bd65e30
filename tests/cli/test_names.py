"""Project and module name rules of SPEC section 5."""

from __future__ import annotations

import pytest

from pole_position.cli.errors import InvalidInput
from pole_position.cli.services.names import parse_module_name, parse_project_name


@pytest.mark.parametrize(
    ("raw", "package"),
    [
        ("shop-api", "shop_api"),
        ("Shop.API", "shop_api"),
        ("a", "a"),
        ("app1", "app1"),
        ("my__svc", "my_svc"),
    ],
)
def test_valid_project_names_normalise_to_a_package(raw: str, package: str) -> None:
    assert parse_project_name(raw).package == package


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a b", "whitespace"),
        ("a/b", "path separator"),
        ("..", "not valid"),
        ("-x", "not valid"),
        ("x-", "not valid"),
        ("1app", "not a Python identifier"),
        ("class", "keyword"),
        ("match", "keyword"),
        ("fastapi", "shadow"),
        ("tests", "shadow"),
        ("json", "shadow"),
        ("pole-position", "shadow"),
        ("Alembic", "shadow"),
    ],
)
def test_invalid_project_names_are_refused_with_a_reason(
    raw: str, fragment: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_project_name(raw)
    assert fragment in caught.value.message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("raw", ["customers", "user", "users", "order_items", "v2"])
def test_valid_module_names(raw: str) -> None:
    assert parse_module_name(raw) == raw


@pytest.mark.parametrize(
    "raw", ["", "Customers", "2fa", "my-module", "class", "status", "auth", "api", "os"]
)
def test_invalid_module_names(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_module_name(raw)
