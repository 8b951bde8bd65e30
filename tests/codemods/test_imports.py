"""The CLI path stays on plain LibCST: no `libcst.codemod`, no `libcst.matchers`."""

from __future__ import annotations

import subprocess
import sys

from tests.codemods._support import REPO

KINDS = ["codemods.router", "codemods.model", "codemods.export", "codemods.settings"]


def test_kind_modules_do_not_import_the_codemod_framework() -> None:
    script = (
        "import sys\n"
        f"for name in {KINDS!r} + ['codemods.codes', 'codemods._python']:\n"
        "    __import__(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('libcst.codemod', "
        "'libcst.matchers')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""


def test_command_classes_resolve_lazily_as_the_tool_looks_them_up() -> None:
    script = (
        "import importlib, sys\n"
        "pairs = [('router', 'AddRouter'), ('router', 'RemoveRouter'),\n"
        "         ('model', 'AddModelImport'), ('model', 'RemoveModelImport'),\n"
        "         ('export', 'AddExport'), ('export', 'RemoveExport'),\n"
        "         ('settings', 'AddSettingsFields'),\n"
        "         ('settings', 'RemoveSettingsFields')]\n"
        "from libcst.codemod import CodemodCommand\n"
        "for module, name in pairs:\n"
        "    cls = getattr(importlib.import_module('codemods.' + module), name)\n"
        "    assert issubclass(cls, CodemodCommand), cls\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "ok"
