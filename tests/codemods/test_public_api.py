"""The public surface of `codemods` is exactly what docs/codemods.md documents."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import codemods
from tests.codemods._support import REPO, printed_by

DOC = (REPO / "docs" / "codemods.md").read_text(encoding="utf-8")


def _section(name: str) -> str:
    match = re.search(rf"<!-- {name}:.*?-->(.*?)<!-- /{name} -->", DOC, re.DOTALL)
    assert match is not None, f"docs/codemods.md has no {name} section"
    return match.group(1)


def test_all_is_exactly_the_documented_surface() -> None:
    documented = re.findall(r"`(\w+)`", _section("public-api"))
    assert len(documented) == len(set(documented)), "a name is documented twice"
    assert sorted(codemods.__all__) == sorted(documented)


def test_every_public_name_resolves() -> None:
    for name in codemods.__all__:
        assert getattr(codemods, name) is not None, name
    assert set(codemods.__all__) <= set(dir(codemods))


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(codemods, "NoSuchOperation")


def test_importing_the_package_loads_neither_libcst_nor_tomlkit() -> None:
    script = (
        "import sys, codemods\n"
        "codemods.WiringError, codemods.Finding, codemods.Operation\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('libcst', 'tomlkit', 'black', 'jinja2'))\n"
        "print(','.join(heavy))\n"
    )
    assert printed_by(script) == ""


def test_the_cli_imports_no_private_codemods_module() -> None:
    private = re.compile(
        r"^\s*(from codemods(\.\w+)*\._\w+|from codemods import _)", re.M
    )
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "pole_position").rglob("*.py"))
        if private.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_libcst_tool_lists_the_documented_command_names() -> None:
    documented = set(re.findall(r"`(\w+\.\w+)`", _section("commands")))
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    result = subprocess.run(
        [sys.executable, "-m", "libcst.tool", "list"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    listed = set(re.findall(r"^(\w+\.\w+) - ", result.stdout, re.M))
    ours = {name for name in listed if name.split(".")[0] in _kinds()}
    assert ours == documented, result.stderr
    # No command is reachable only through its implementation module's path.
    assert not any(name.startswith("commands.") for name in listed)


def _kinds() -> set[str]:
    folder = REPO / "codemods" / "commands"
    return {path.stem for path in folder.glob("*.py") if not path.stem.startswith("_")}
