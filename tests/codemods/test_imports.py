"""The CLI path stays on plain LibCST: no `libcst.codemod`, no `libcst.matchers`."""

from __future__ import annotations

from tests.codemods._support import printed_by

KINDS = ["codemods.router", "codemods.model", "codemods.export", "codemods.settings"]
SHARED = ["codemods.codes", "codemods.python_source", "codemods.checking"]


def test_kind_modules_do_not_import_the_codemod_framework() -> None:
    script = (
        "import sys\n"
        f"for name in {KINDS + SHARED!r}:\n"
        "    __import__(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('libcst.codemod', "
        "'libcst.matchers')))\n"
        "print(','.join(loaded))\n"
    )
    assert printed_by(script) == ""
