"""Golden cases: every field type and modifier on every model-bearing template.

For each (template variant, field) the operations are applied to the files
`polepos add module` generated and must be an exact inverse, idempotent, and
keep LF and CRLF files alike. All fields applied together must leave every
file black-, isort- and ruff-clean.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import black
import isort
import pytest

from codemods.fields_spec import FieldSpec, parse_field_spec
from codemods.python_source import PYTHON
from tests.fields._support import (
    VARIANTS,
    apply_text,
    operations_by_file,
    representative_specs,
    valid_specs,
)

SPECS = valid_specs()
REPRESENTATIVE = representative_specs()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every file of every variant's module, as generated."""
    from pole_position.cli.main import main

    parent = tmp_path_factory.mktemp("variants")
    here = os.getcwd()
    os.chdir(parent)
    try:
        assert main(["start", "shop-api"]) == 0
        os.chdir(parent / "shop-api")
        for name, flags in VARIANTS.items():
            assert main(["add", "module", name, *flags]) == 0
    finally:
        os.chdir(here)
    root = parent / "shop-api"
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in root.rglob("*.py")
    }


def test_every_type_and_modifier_is_covered() -> None:
    for specs in (SPECS, REPRESENTATIVE):
        kinds = {spec.type for spec in specs}
        modifiers = {m for spec in specs for m in spec.modifiers}
        assert len(kinds) == 11
        assert modifiers == {"optional", "unique", "index"}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_field_is_an_exact_idempotent_inverse(
    generated: dict[str, str], variant: str
) -> None:
    for spec in REPRESENTATIVE:
        for path, operations in operations_by_file(variant, spec).items():
            original = generated[path]
            added = apply_text(original, operations)
            assert added != original, (spec, path)
            assert spec.name in added
            assert apply_text(added, operations) == added, (spec, path)
            assert apply_text(added, operations, invert=True) == original, (
                spec,
                path,
            )


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_crlf_files_stay_crlf(generated: dict[str, str], variant: str) -> None:
    for spec in (SPECS[0], parse_field_spec("born:date:optional:index")):
        for path, operations in operations_by_file(variant, spec).items():
            lf = apply_text(generated[path], operations)
            crlf = generated[path].replace("\n", "\r\n")
            added = apply_text(crlf, operations)
            assert added == lf.replace("\n", "\r\n")
            assert apply_text(added, operations, invert=True) == crlf


def _all_fields(variant: str, generated: dict[str, str]) -> dict[str, str]:
    """Every valid field on one variant: each file parsed once, rendered once."""
    documents: dict[str, Any] = {}
    for spec in SPECS:
        for path, operations in operations_by_file(variant, spec).items():
            document = documents.get(path) or PYTHON.parse(generated[path])
            for operation in operations:
                document = operation.apply(document)
            documents[path] = document
    return {path: PYTHON.render(document) for path, document in documents.items()}


def test_all_fields_together_are_black_isort_and_ruff_clean(
    generated: dict[str, str], tmp_path: Path
) -> None:
    mode = black.Mode()
    config = isort.Config(profile="black", known_first_party=["shop_api"])
    for variant in VARIANTS:
        for path, text in _all_fields(variant, generated).items():
            assert black.format_str(text, mode=mode) == text, path
            assert isort.code(text, config=config) == text, path
            target = tmp_path / variant / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    ruff = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--isolated",
            "--select",
            "E,F,W,UP,B",
            "--target-version",
            "py311",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ruff.returncode == 0, ruff.stdout


def test_long_names_are_laid_out_as_black_would(generated: dict[str, str]) -> None:
    spec = FieldSpec("a_rather_long_field_name_for_a_decimal_amount", "decimal")
    spec = parse_field_spec(f"{spec.name}:decimal:optional:unique:index")
    for variant in VARIANTS:
        for path, operations in operations_by_file(variant, spec).items():
            text = apply_text(generated[path], operations)
            assert black.format_str(text, mode=black.Mode()) == text, path


def test_crud_model_and_schemas_golden(
    generated: dict[str, str], snapshot: object
) -> None:
    specs = [
        parse_field_spec(raw)
        for raw in ("email:str:unique", "phone:str:optional", "visits:int:index")
    ]
    texts: dict[str, str] = {}
    for spec in specs:
        for path, operations in operations_by_file("crud", spec).items():
            texts[path] = apply_text(texts.get(path, generated[path]), operations)
    assert texts == snapshot
