"""What `.poleposition.toml` says, as data, without tomlkit.

`codemods.manifest` reads and edits the file with tomlkit; the record it
returns, and the template values it validates, live here so that a warm
`polepos check` (which takes the record from its cache) never imports tomlkit.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import cast

from codemods._core import Finding
from codemods.catalog import TEMPLATE_OPTIONS, TEMPLATES
from codemods.layout import Layout

_TEMPLATE_VALUE = re.compile(r"^([a-z][a-z-]*)(?:\[([^\[\]]*)\])?$")


def format_module_template(
    template: str, options: tuple[str, ...] | list[str] = ()
) -> str:
    """The manifest value for a template, options in canonical order: `crud[a,b]`."""
    if template not in TEMPLATES:
        raise ValueError(
            f"unknown template {template!r}; expected one of {', '.join(TEMPLATES)}"
        )
    chosen = set(options)
    if len(chosen) != len(options):
        raise ValueError("a CRUD option is given twice")
    allowed = TEMPLATE_OPTIONS[template]
    if chosen and not allowed:
        raise ValueError(f"template {template!r} takes no options")
    unknown = sorted(chosen - set(allowed))
    if unknown:
        raise ValueError(f"unknown CRUD option(s): {', '.join(unknown)}")
    if not chosen:
        return template
    return f"{template}[{','.join(option for option in allowed if option in chosen)}]"


def parse_module_template(value: str) -> tuple[str, tuple[str, ...]]:
    """Split a manifest value into template and canonical options; ValueError if bad."""
    match = _TEMPLATE_VALUE.match(value.strip())
    if match is None:
        raise ValueError(f"not a module template: {value!r}")
    template, inner = match.group(1), match.group(2)
    options = [] if not inner else [part.strip() for part in inner.split(",")]
    if inner is not None and not options:
        raise ValueError(f"empty option list in {value!r}")
    format_module_template(template, options)  # validates template and options
    allowed = TEMPLATE_OPTIONS[template]
    return template, tuple(option for option in allowed if option in options)


@dataclass(frozen=True)
class Manifest:
    """What `.poleposition.toml` says, plus every problem found reading it."""

    package: str | None = None
    db: str | None = None
    modules: dict[str, str] = field(default_factory=dict)
    integrations: tuple[str, ...] = ()
    auth: bool = False
    errors: list[Finding] = field(default_factory=list)
    detached: dict[str, str] = field(default_factory=dict)
    # From `[layout]` when present, else the generated default; None when the
    # package or db mode is unusable (or the table is invalid: see `errors`).
    layout: Layout | None = None
    # The text this was read from, so a command that read it once can tell
    # whether a later read would see anything new.
    source: str = field(default="", compare=False, repr=False)
    # `[fields]` as read (codemods.fields_manifest checks the values), so
    # `remove module` finds a module's entry without parsing the file again.
    fields: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def valid(self) -> bool:
        """True when reading found no problem."""
        return not self.errors


def manifest_data(manifest: Manifest) -> dict[str, object]:
    """The record as JSON-able data (what the check cache keeps)."""
    return {
        "package": manifest.package,
        "db": manifest.db,
        "modules": dict(manifest.modules),
        "integrations": list(manifest.integrations),
        "auth": manifest.auth,
        "errors": [error.as_dict() for error in manifest.errors],
        "detached": dict(manifest.detached),
        "layout": None if manifest.layout is None else asdict(manifest.layout),
        "source": manifest.source,
        "fields": dict(manifest.fields),
    }


def manifest_from_data(data: object) -> Manifest:
    """The record `manifest_data` wrote; TypeError, KeyError or ValueError if not."""
    fields = cast("dict[str, object]", data)
    layout = fields["layout"]
    errors = cast("list[dict[str, object]]", fields["errors"])
    return Manifest(
        package=cast("str | None", fields["package"]),
        db=cast("str | None", fields["db"]),
        modules=dict(cast("dict[str, str]", fields["modules"])),
        integrations=tuple(cast("list[str]", fields["integrations"])),
        auth=bool(fields["auth"]),
        errors=[Finding.from_dict(error) for error in errors],
        detached=dict(cast("dict[str, str]", fields["detached"])),
        layout=None if layout is None else Layout(**cast("dict[str, str]", layout)),
        source=str(fields["source"]),
        fields=dict(cast("dict[str, object]", fields["fields"])),
    )
