"""Every wiring change PolePosition makes: apply, exact inverse and checker per kind.

The names below are the public surface (docs/codemods.md lists them). The core
interface is imported eagerly: it needs only the standard library. Everything
else loads on first use (PEP 562), so `import codemods` stays cheap and
`polepos --help` never pays for LibCST or tomlkit. The `CodemodCommand`
wrappers for `python -m libcst.tool codemod` live in `codemods.commands`, which
only that tool imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from codemods._core import (
    DocumentFormat,
    Edit,
    Finding,
    Inverted,
    Observation,
    Operation,
    Presence,
    Reversible,
    Rewrite,
    Severity,
    TextShortcut,
    WiringError,
    apply_all,
    invert_all,
)

if TYPE_CHECKING:
    from codemods.checking import check_all
    from codemods.dependency import Dependency
    from codemods.env import ENV_FORMAT, EnvBlock, EnvDocument, EnvFormat
    from codemods.export import ExportEntry
    from codemods.fields_manifest import ManifestFields
    from codemods.fields_model import ModelColumn
    from codemods.fields_sample import SampleValue
    from codemods.fields_schema import SchemaField
    from codemods.layout import MARKERS, Layout, LayoutError
    from codemods.lockfile import GeneratedFiles, LockDocument, LockFormat
    from codemods.manifest import (
        ManifestDetached,
        ManifestFlag,
        ManifestIntegration,
        ManifestModule,
    )
    from codemods.markers import RestoreMarker, restore_marker
    from codemods.model import ModelImport
    from codemods.python_source import PYTHON, PythonFormat, observe_all
    from codemods.router import RouterWiring
    from codemods.settings import SettingsFields
    from codemods.toml_source import TOML_FORMAT, TomlFormat

# Public name -> the module that defines it, imported on first access.
_LAZY = {
    # document formats
    "PYTHON": "codemods.python_source",
    "PythonFormat": "codemods.python_source",
    "TOML_FORMAT": "codemods.toml_source",
    "TomlFormat": "codemods.toml_source",
    "ENV_FORMAT": "codemods.env",
    "EnvFormat": "codemods.env",
    "EnvDocument": "codemods.env",
    "LockFormat": "codemods.lockfile",
    "LockDocument": "codemods.lockfile",
    # operations over Python files
    "RouterWiring": "codemods.router",
    "ModelImport": "codemods.model",
    "ExportEntry": "codemods.export",
    "SettingsFields": "codemods.settings",
    "ModelColumn": "codemods.fields_model",
    "SchemaField": "codemods.fields_schema",
    "SampleValue": "codemods.fields_sample",
    "RestoreMarker": "codemods.markers",
    "restore_marker": "codemods.markers",
    # operations over other files
    "EnvBlock": "codemods.env",
    "Dependency": "codemods.dependency",
    "ManifestModule": "codemods.manifest",
    "ManifestIntegration": "codemods.manifest",
    "ManifestFlag": "codemods.manifest",
    "ManifestDetached": "codemods.manifest",
    "ManifestFields": "codemods.fields_manifest",
    "GeneratedFiles": "codemods.lockfile",
    # running many operations over one parsed module
    "check_all": "codemods.checking",
    "observe_all": "codemods.python_source",
    # the project layout: where the managed files and markers are
    "Layout": "codemods.layout",
    "LayoutError": "codemods.layout",
    "MARKERS": "codemods.layout",
}

__all__ = [
    "ENV_FORMAT",
    "MARKERS",
    "PYTHON",
    "TOML_FORMAT",
    "Dependency",
    "DocumentFormat",
    "Edit",
    "EnvBlock",
    "EnvDocument",
    "EnvFormat",
    "ExportEntry",
    "Finding",
    "GeneratedFiles",
    "Inverted",
    "Layout",
    "LayoutError",
    "LockDocument",
    "LockFormat",
    "ManifestDetached",
    "ManifestFields",
    "ManifestFlag",
    "ManifestIntegration",
    "ManifestModule",
    "ModelColumn",
    "ModelImport",
    "Observation",
    "Operation",
    "Presence",
    "PythonFormat",
    "RestoreMarker",
    "Reversible",
    "Rewrite",
    "RouterWiring",
    "SampleValue",
    "SchemaField",
    "SettingsFields",
    "Severity",
    "TextShortcut",
    "TomlFormat",
    "WiringError",
    "apply_all",
    "check_all",
    "invert_all",
    "observe_all",
    "restore_marker",
]


def __getattr__(name: str) -> object:
    """Load a public name from its module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(set(globals()) | set(__all__))
