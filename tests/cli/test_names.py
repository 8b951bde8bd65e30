"""Project and module name rules of SPEC section 5."""

from __future__ import annotations

import pytest

from pole_position.cli.errors import InvalidInput
from pole_position.cli.services.naming.validation import (
    MAX_NAME_LENGTH,
    parse_module_name,
    parse_project_name,
)


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
    ("raw", "module"),
    [
        ("Customers", "customers"),
        ("Garage-Two", "garage_two"),
        ("order.items", "order_items"),
        ("my--module", "my_module"),
        ("V2", "v2"),
    ],
)
def test_module_names_normalise_like_project_names(raw: str, module: str) -> None:
    assert parse_module_name(raw) == module


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "2fa",
        "-x",
        "x-",
        "a b",
        "a/b",
        "..",
        "../..",
        "_x",
        "class",
        "Class",
        "status",
        "Status",
        "auth",
        "api",
        "os",
        "a" * 65,
    ],
)
def test_invalid_module_names(raw: str) -> None:
    with pytest.raises(InvalidInput):
        parse_module_name(raw)


def test_names_up_to_the_documented_maximum_are_accepted() -> None:
    assert parse_module_name("a" * MAX_NAME_LENGTH) == "a" * MAX_NAME_LENGTH
    assert parse_project_name("p" * MAX_NAME_LENGTH).package == "p" * MAX_NAME_LENGTH
    with pytest.raises(InvalidInput, match="maximum is 64"):
        parse_project_name("p" * (MAX_NAME_LENGTH + 1))
