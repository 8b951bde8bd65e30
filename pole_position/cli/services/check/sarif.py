"""`polepos check --format sarif`: the report as a SARIF 2.1.0 log.

One rule per registered check code (`codemods.codes.CODES`), so a code-scanning
tool can show every code's description and repair; one result per finding, with
its location relative to the project root (`%SRCROOT%`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from codemods import Finding
from codemods.codes import CODES, Code
from pole_position import __version__
from pole_position.cli.output import strip_location
from pole_position.cli.services.check.report import CheckReport

if TYPE_CHECKING:
    from pole_position.cli.services.project.wiring_types import JSONObject

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "SRCROOT"
_WORDS = re.compile(r"[A-Za-z0-9]+")
NOT_FIXABLE = "`polepos check --fix` cannot repair it: fix it by hand."


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _help_text(code: Code) -> str:
    repair = code.fix or "`polepos check --fix` repairs it."
    return f"{code.description} Repair: {repair if code.fixable else NOT_FIXABLE}"


def _rule(code: Code) -> JSONObject:
    return {
        "id": code.code,
        "name": "".join(word.capitalize() for word in _WORDS.findall(code.title)),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": code.description},
        "help": {"text": _help_text(code)},
        "defaultConfiguration": {"level": _level(code.severity)},
        "properties": {"fixable": code.fixable, "layer": code.layer},
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> JSONObject:
    message = strip_location(finding.path, finding.line, finding.message)
    if finding.hint:
        message = message.rstrip(".") + f". {finding.hint}"
    result: JSONObject = {
        "ruleId": finding.code,
        "level": _level(finding.severity),
        "message": {"text": message},
        "properties": {"fixable": finding.fixable},
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.path:
        physical: JSONObject = {
            "artifactLocation": {"uri": finding.path, "uriBaseId": SOURCE_ROOT}
        }
        if finding.line:
            physical["region"] = {"startLine": finding.line}
        result["locations"] = [{"physicalLocation": physical}]
    return result


def sarif_log(report: CheckReport) -> JSONObject:
    """The SARIF 2.1.0 log of a check report, as a JSON-ready dictionary."""
    codes = sorted(CODES.values(), key=lambda code: code.code)
    rule_index = {code.code: index for index, code in enumerate(codes)}
    run: JSONObject = {
        "tool": {
            "driver": {
                "name": "polepos",
                "fullName": "PolePosition check",
                "version": __version__,
                "rules": [_rule(code) for code in codes],
            }
        },
        "results": [_result(finding, rule_index) for finding in report.issues],
        "columnKind": "unicodeCodePoints",
    }
    if report.project_root:
        root = Path(report.project_root).as_uri().rstrip("/") + "/"
        run["originalUriBaseIds"] = {SOURCE_ROOT: {"uri": root}}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def sarif_json(report: CheckReport) -> str:
    """The SARIF log as indented JSON text."""
    return json.dumps(sarif_log(report), indent=2)
