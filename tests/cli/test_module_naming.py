"""Module names read naturally; inflect is imported without typeguard's checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pole_position.cli.services.naming.inflection import module_names, singular_of


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


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        # Pinned from inflect: a lighter library (`inflection`) gave "wafe",
        # "to", "bonuse" and "criterium" for these, so it was not adopted.
        ("waves", "wave"),
        ("toes", "toe"),
        ("bonuses", "bonus"),
        ("criteria", "criterion"),
        ("leaves", "leaf"),
        ("addresses", "address"),
        ("statuses", "status"),
        ("order_items", "order_item"),
        ("data", "datum"),
        ("sheep", "sheep"),
    ],
)
def test_singulars_are_natural(plural: str, singular: str) -> None:
    assert singular_of(plural) == singular


def test_inflect_does_not_import_typeguard_or_its_dependencies() -> None:
    # typeguard pulls in unittest.mock and asyncio: a deterministic stand-in for
    # the ~120 ms they add to `polepos add module`.
    code = (
        "import sys\n"
        "from pole_position.cli.services.naming.inflection import module_names\n"
        "assert module_names('people').model_class == 'Person'\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typeguard', 'unittest', 'asyncio'})))\n"
        "import typeguard\n"
        "assert callable(typeguard.check_type), 'the real typeguard is importable'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
