"""PP022 (database imports in a --db none project) and PP260 (a module imports a
first-party file that does not exist): file:line, no false alarms, one parse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pole_position.cli.services.check import check_project
from tests.checks._support import check_json
from tests.conftest import Runner

ORDERS = "src/shop_api/modules/orders"


def _found(report: dict[str, Any], code: str) -> list[tuple[str, int]]:
    return sorted(
        (issue["path"], issue["line"])
        for issue in report["issues"]
        if issue["code"] == code
    )


def test_database_imports_are_found_wherever_they_are(
    polepos: Runner, none_project: Path
) -> None:
    deps = none_project / "src/svc/api/deps.py"
    deps.write_text(
        deps.read_text()
        + "\n\ndef session():\n    from alembic import op\n    return op\n"
        + "import os, sqlalchemy.orm\n"
        + 'NOTE = "import sqlalchemy is not used"  # import alembic\n'
    )
    lines = deps.read_text().splitlines()
    expected = [
        ("src/svc/api/deps.py", lines.index("    from alembic import op") + 1),
        ("src/svc/api/deps.py", lines.index("import os, sqlalchemy.orm") + 1),
    ]
    code, report = check_json(polepos, none_project)
    assert _found(report, "PP022") == expected
    assert code == 0  # a warning, like PP112's database files


def test_database_imports_are_fine_in_a_project_with_a_database(
    polepos: Runner, project: Path
) -> None:
    _, report = check_json(polepos, project)
    assert _found(report, "PP022") == []


def test_a_missing_sibling_behind_a_relative_import_is_reported(
    polepos: Runner, project: Path
) -> None:
    assert polepos("add", "module", "orders", "--template", "crud").exit_code == 0
    (project / ORDERS / "services" / "orders_service.py").unlink()
    code, report = check_json(polepos, project)
    assert code == 1
    init = f"{ORDERS}/services/__init__.py"
    line = next(
        number
        for number, text in enumerate((project / init).read_text().splitlines(), 1)
        if "orders_service import" in text
    )
    assert (init, line) in _found(report, "PP260")
    message = next(i["message"] for i in report["issues"] if i["path"] == init)
    assert "shop_api.modules.orders.services.orders_service" in message


def test_from_package_import_name_needs_a_submodule_or_a_definition(
    polepos: Runner, project: Path
) -> None:
    assert polepos("add", "module", "orders", "--template", "crud").exit_code == 0
    router = project / ORDERS / "router.py"
    router.write_text(
        "from . import schemas\nfrom . import helpers\n" + router.read_text()
    )
    _, report = check_json(polepos, project)
    assert _found(report, "PP260") == [(f"{ORDERS}/router.py", 2)]


@pytest.mark.parametrize("word_elsewhere", [False, True])
def test_imports_nested_in_functions_are_checked_too(
    polepos: Runner, project: Path, word_elsewhere: bool
) -> None:
    # The scan skips function bodies only when the text shows no import there.
    assert polepos("add", "module", "orders", "--template", "crud").exit_code == 0
    schemas = project / ORDERS / "schemas.py"
    text = schemas.read_text()
    extra = '"""Not important."""\n' if word_elsewhere else ""
    nested = "\n\ndef later() -> None:\n    from . import gone\n"
    schemas.write_text(extra + text + nested)
    line = len((extra + text).splitlines()) + 4
    _, report = check_json(polepos, project)
    assert _found(report, "PP260") == [(f"{ORDERS}/schemas.py", line)]


def test_a_whole_generated_project_has_no_missing_imports_and_one_parse_per_file(
    polepos: Runner, project: Path
) -> None:
    for command in (
        ("add", "module", "orders", "--template", "crud", "--pagination"),
        ("add", "module", "bot", "--template", "ai-prompt"),
        ("add", "module", "ping", "--api-only"),
    ):
        assert polepos(*command).exit_code == 0
    report = check_project(project)
    assert report.passed, report.as_text()
    assert not [i for i in report.issues if i.code == "PP260"]
    assert max(report.parses.values()) == 1
