"""Copy a module of PolePosition's runtime package `polepos` into a generated project.

A generated project cannot depend on `poleposition` from the package index (that
name belongs to an unrelated program there), so the few runtime modules it uses are
copied in when a template is rendered: read from the installed `polepos` package,
with a one-line header, so there is one source of truth and it works offline.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HEADER = "# Copied from PolePosition's {module} when this file was generated.\n"


def vendored_source(module: str) -> str:
    """The source of `module` (a module of `polepos`) behind a header naming it."""
    if module != "polepos" and not module.startswith("polepos."):
        raise ValueError(f"only modules of polepos are copied, not {module!r}")
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        raise FileNotFoundError(
            f"the source of {module} is missing; reinstall poleposition."
        )
    source = Path(spec.origin).read_text(encoding="utf-8")
    return HEADER.format(module=module) + source
