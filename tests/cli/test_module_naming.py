"""Module names read naturally; inflect is imported without typeguard's checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pole_position.cli.services.naming.inflection import module_names


@pytest.mark.parametrize(
    ("module", "model", "table"),
    [
        ("customers", "Customer", "customers"),
        ("people", "Person", "people"),
        ("categories", "Category", "categories"),
        ("order_items", "OrderItem", "order_items"),
        ("user", "User", "user"),
        ("news", "News", "news"),
    ],
)
def test_names(module: str, model: str, table: str) -> None:
    names = module_names(module)
    assert (names.model_class, names.table_name) == (model, table)
    assert names.route_prefix == f"/{module}"


def test_inflect_is_imported_without_typeguard_instrumentation() -> None:
    # Instrumented, the import takes over a second; `bench/cli.py` times `add`.
    # Here, count what costs the time: calls to typeguard's decorator while
    # inflect is imported (each one instruments a function). None may happen.
    code = (
        "import typeguard\n"
        "calls = []\n"
        "original = typeguard.typechecked\n"
        "def counting(*args, **kwargs):\n"
        "    calls.append(args)\n"
        "    return original(*args, **kwargs)\n"
        "typeguard.typechecked = counting\n"
        "from pole_position.cli.services.naming.inflection import _inflector\n"
        "engine = _inflector()\n"
        "assert typeguard.typechecked is counting, 'typeguard was not restored'\n"
        "assert engine.plural('person') == 'people'\n"
        "print(len(calls))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"
