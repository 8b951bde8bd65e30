"""Module names read naturally; inflect is imported without slowing `add` down."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pole_position.cli.services.module_naming import module_names


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


def test_inflect_import_leaves_typeguard_untouched_and_is_fast() -> None:
    code = (
        "import time, typeguard\n"
        "before = typeguard.typechecked\n"
        "from pole_position.cli.services.module_naming import _inflector\n"
        "began = time.perf_counter()\n"
        "_inflector()\n"
        "took = time.perf_counter() - began\n"
        "assert typeguard.typechecked is before\n"
        "print(took)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # Instrumented, the import takes over a second here; bare, well under half.
    assert float(result.stdout) < 0.6
