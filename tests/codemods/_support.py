"""Helpers of the codemod tests: golden cases, operations, managed-file shapes."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codemods.export import ExportEntry
from codemods.model import ModelImport
from codemods.router import RouterWiring
from codemods.settings import SettingsFields

REPO = Path(__file__).resolve().parents[2]


def printed_by(script: str) -> str:
    """What `script` prints, run in a fresh interpreter at the repository root."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


CASES = REPO / "tests" / "cases"
TEMPLATE = REPO / "template" / "project"
PACKAGE = "shop_api"
CONTEXT = {
    "package": PACKAGE,
    "project_name": "shop-api",
    "db": "sqlite",
    "no_bytecode": False,
    "polepos_version": "0.1.0",
}


def make_operation(kind: str, args: dict[str, Any]) -> Any:
    """The operation a golden case's header describes."""
    if kind == "router":
        return RouterWiring(**args)
    if kind == "model":
        return ModelImport(**args)
    if kind == "export":
        return ExportEntry(**args)
    if kind == "settings":
        return SettingsFields(**args)
    raise ValueError(kind)


@dataclass(frozen=True)
class Case:
    """One golden case: `# args: {json}` header, input, `# output`, expected output."""

    kind: str
    name: str
    args: dict[str, Any]
    source: str
    expected: str | None
    error: str | None
    refuse: str | None = None  # a check code: apply refuses, check reports it
    line: int | None = None  # the line that finding points at

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.name}"


def load_case(path: Path) -> Case:
    """Parse a case file (LF; CRLF variants are derived in the tests)."""
    text = path.read_text(encoding="utf-8")
    header, _, rest = text.partition("\n")
    assert header.startswith(
        "# args: "
    ), f"{path}: first line must be '# args: {{...}}'"
    args = json.loads(header[len("# args: ") :])
    error = args.pop("_error", None)
    refuse = args.pop("_refuse", None)
    line = args.pop("_line", None)
    if "\n# output\n" in rest:
        source, expected = rest.split("\n# output\n")
        source += "\n"
    else:
        source, expected = rest, None
    return Case(
        path.parent.name, path.stem, args, source, expected, error, refuse, line
    )


def all_cases() -> list[Case]:
    """Every golden case, sorted by kind and name."""
    paths = sorted(CASES.glob("*/*.py"))
    return [load_case(p) for p in paths if not p.parent.name.startswith("_")]


def render_template(relative: str) -> str | None:
    """A project template rendered as `polepos start shop-api`, or None if absent."""
    path = TEMPLATE / "src" / "__package__" / f"{relative}.jinja"
    if not path.exists():
        return None
    import jinja2

    environment = jinja2.Environment(
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    return environment.from_string(path.read_text(encoding="utf-8")).render(CONTEXT)


# The empty shapes of docs/managed-blocks.md (used when the template is absent).
_EMPTY_FILES = {
    "api/router.py": "router.py",
    "db/models.py": "models.py",
    "modules/__init__.py": "modules_init.py",
    "integrations/__init__.py": "integrations_init.py",
}
EMPTY_SHAPES = {
    relative: (CASES / "_empty" / name).read_text(encoding="utf-8")
    for relative, name in _EMPTY_FILES.items()
}


def managed_file(relative: str, source: str = "template") -> str:
    """A managed file's empty shape: from the template when it exists, else the doc."""
    if source == "template":
        rendered = render_template(relative)
        if rendered is not None:
            return rendered
    return EMPTY_SHAPES[relative]


def is_black_clean(code: str) -> bool:
    """`black --check` equivalent."""
    import black

    return black.format_str(code, mode=black.Mode()) == code


def is_isort_clean(code: str) -> bool:
    """`isort --check-only --profile black` with the project package first party."""
    import isort

    return isort.check_code(
        code, profile="black", known_first_party=[PACKAGE], quiet=True
    )
