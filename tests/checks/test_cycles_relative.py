"""Relative imports resolve against the importing file's own package."""

from __future__ import annotations

from pathlib import Path

from pole_position.cli.services.check import check_project
from tests.conftest import Runner


def test_deep_relative_import_is_not_a_sibling_edge(
    polepos: Runner, tmp_path: Path
) -> None:
    assert polepos("start", "shop-api", cwd=tmp_path).exit_code == 0
    root = tmp_path / "shop-api"
    for name in ("alpha", "helpers"):
        assert polepos("add", "module", name, "--api-only", cwd=root).exit_code == 0
    modules = root / "src/shop_api/modules"
    # In modules/alpha/services/, `..helpers` means modules.alpha.helpers.
    (modules / "alpha/helpers.py").write_text("VALUE = 1\n")
    (modules / "alpha/services/extra.py").write_text("from ..helpers import VALUE\n")
    (modules / "helpers/services/extra.py").write_text(
        "from shop_api.modules.alpha import services\n"
    )
    codes = [f.code for f in check_project(root).issues]
    assert "PP213" not in codes
    # A real sibling edge back closes the cycle.
    (modules / "alpha/services/back.py").write_text("from ...helpers import services\n")
    cycles = [f for f in check_project(root).issues if f.code == "PP213"]
    assert [f.message for f in cycles] == [
        "modules import each other in a cycle: alpha → helpers → alpha"
    ]
