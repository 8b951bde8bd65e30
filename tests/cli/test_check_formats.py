"""`polepos check --format text|json|sarif`; `--json` stays an alias of json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from codemods.codes import CODES
from tests.conftest import Runner

SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


@pytest.fixture
def broken(project_factory: Callable[..., Path]) -> Path:
    """A project whose router lacks its import marker (PP101, an error)."""
    root = project_factory("shop-api")
    router = root / "src/shop_api/api/router.py"
    router.write_text(router.read_text().replace("# polepos:router-imports", ""))
    return root


def _sarif(polepos: Runner, root: Path) -> dict[str, object]:
    result = polepos("check", "--format", "sarif", cwd=root)
    assert result.exit_code == 1, result.stderr
    log: dict[str, object] = json.loads(result.stdout)
    return log


def test_sarif_is_valid_against_the_official_schema(
    polepos: Runner, broken: Path
) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = _sarif(polepos, broken)
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"


def test_the_schema_catches_a_broken_log() -> None:
    # The validation above could fail: a result without its message is refused.
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}}]}
    bad["runs"][0]["results"] = [{"ruleId": "PP101"}]  # type: ignore[index]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(bad)


def test_sarif_has_one_rule_per_code_with_registry_text(
    polepos: Runner, broken: Path
) -> None:
    run = _sarif(polepos, broken)["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == sorted(CODES)
    by_id = {rule["id"]: rule for rule in rules}
    marker = CODES["PP101"]
    rule = by_id["PP101"]
    assert rule["shortDescription"]["text"] == marker.title
    assert rule["fullDescription"]["text"] == marker.description
    assert marker.description in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    warning = next(code for code in CODES.values() if code.severity == "warning")
    assert by_id[warning.code]["defaultConfiguration"]["level"] == "warning"


def test_sarif_results_point_at_files_relative_to_the_root(
    polepos: Runner, broken: Path
) -> None:
    run = _sarif(polepos, broken)["runs"][0]  # type: ignore[index]
    result = next(r for r in run["results"] if r["ruleId"] == "PP101")
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/shop_api/api/router.py"
    assert location["region"]["startLine"] == 5
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "PP101"
    assert "router-imports" in result["message"]["text"]
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == broken.resolve().as_uri() + "/"


def test_a_clean_project_gives_an_empty_result_list(
    polepos: Runner, project_factory: Callable[..., Path]
) -> None:
    root = project_factory("shop-api")
    result = polepos("check", "--format", "sarif", cwd=root)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []


def test_json_flag_is_an_alias_of_format_json(polepos: Runner, broken: Path) -> None:
    alias = polepos("check", "--json", cwd=broken)
    spelled = polepos("check", "--format", "json", cwd=broken)
    assert alias.stdout == spelled.stdout
    assert json.loads(alias.stdout)["issues"][0]["code"] == "PP101"


def test_format_text_is_the_default(polepos: Runner, broken: Path) -> None:
    assert (
        polepos("check", "--format", "text", cwd=broken).stdout
        == polepos("check", cwd=broken).stdout
    )


def test_json_with_another_format_is_a_usage_error(
    polepos: Runner, broken: Path
) -> None:
    result = polepos("check", "--json", "--format", "sarif", cwd=broken)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--json conflicts with --format sarif" in result.stderr


def test_an_unknown_format_is_a_usage_error(polepos: Runner, broken: Path) -> None:
    result = polepos("check", "--format", "xml", cwd=broken)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
