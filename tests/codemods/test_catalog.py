"""One catalog: the manifest's names and the CLI's specs describe the same things."""

from __future__ import annotations

from pathlib import Path

from codemods import catalog
from codemods.manifest import format_module_template, parse_module_template
from pole_position.cli.services.catalog.integrations import INTEGRATIONS
from pole_position.cli.services.catalog.modules import STARTER, TEMPLATES

TEMPLATE_ROOT = Path(__file__).resolve().parents[2] / "template"


def test_module_templates_agree() -> None:
    assert (STARTER.name, *TEMPLATES) == catalog.TEMPLATES
    for name, spec in TEMPLATES.items():
        assert spec.options == catalog.TEMPLATE_OPTIONS[name]
        assert (TEMPLATE_ROOT / "modules" / name).is_dir(), name


def test_integrations_agree() -> None:
    assert tuple(INTEGRATIONS) == catalog.INTEGRATIONS
    for name in catalog.INTEGRATIONS:
        assert (TEMPLATE_ROOT / "integrations" / name).is_dir(), name


def test_manifest_values_take_options_from_the_catalog() -> None:
    every = catalog.TEMPLATE_OPTIONS["crud"]
    value = format_module_template("crud", list(reversed(every)))
    assert value == f"crud[{','.join(every)}]"
    assert parse_module_template(value) == ("crud", every)
