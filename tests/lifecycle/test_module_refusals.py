"""Clear refusals for add/remove module: right exit code, one line, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest


def _refused(polepos: Runner, root: Path, code: int, *args: str) -> str:
    before = tree_digest(root)
    result = polepos(*args, cwd=root)
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert tree_digest(root) == before
    return result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--template", "nope"), "unknown template 'nope'"),
        (("--pagination",), "--pagination only applies to the crud template"),
        (("--api-only", "--service-only"), "exclude each other"),
        (("--api-only", "--template", "crud"), "conflicts with --template crud"),
    ],
)
def test_bad_flags_exit_2(
    polepos: Runner, project: Path, args: tuple[str, ...], fragment: str
) -> None:
    assert fragment in _refused(polepos, project, 2, "add", "module", "orders", *args)


@pytest.mark.parametrize("name", ["status", "auth", "Status", "2fa", "class", "json"])
def test_reserved_or_invalid_names_exit_2(
    polepos: Runner, project: Path, name: str
) -> None:
    _refused(polepos, project, 2, "add", "module", name)


def test_database_template_in_a_none_project(
    polepos: Runner, none_project: Path
) -> None:
    stderr = _refused(polepos, none_project, 1, "add", "module", "orders")
    assert "--api-only" in stderr
    assert polepos("add", "module", "orders", "--api-only").exit_code == 0


def test_missing_marker_is_refused_cleanly(polepos: Runner, project: Path) -> None:
    router = project / "src/shop_api/api/router.py"
    router.write_text(router.read_text().replace("# polepos:router-includes\n", ""))
    stderr = _refused(polepos, project, 1, "add", "module", "orders")
    assert "router-includes" in stderr


def test_unparsable_managed_file_is_refused(polepos: Runner, project: Path) -> None:
    exports = project / "src/shop_api/modules/__init__.py"
    exports.write_text(exports.read_text() + "def broken(:\n")
    assert "cannot be parsed" in _refused(
        polepos, project, 1, "add", "module", "orders"
    )


def test_non_utf8_managed_file_is_refused(polepos: Runner, project: Path) -> None:
    models = project / "src/shop_api/db/models.py"
    models.write_bytes(models.read_bytes() + b"# caf\xe9\n")
    assert "UTF-8" in _refused(polepos, project, 1, "add", "module", "orders")


def test_outside_a_project(polepos: Runner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no PolePosition project" in _refused(
        polepos, empty, 1, "add", "module", "x"
    )


def test_existing_folder_is_not_overwritten(polepos: Runner, project: Path) -> None:
    (project / "src/shop_api/modules/orders").mkdir()
    assert "already exists" in _refused(polepos, project, 1, "add", "module", "orders")


def test_starter_cannot_be_removed(polepos: Runner, project: Path) -> None:
    assert "starter" in _refused(polepos, project, 1, "remove", "module", "status")


def test_unknown_module_cannot_be_removed(polepos: Runner, project: Path) -> None:
    assert "no module 'ghost'" in _refused(
        polepos, project, 1, "remove", "module", "ghost"
    )


def test_trace_and_diff_write_nothing(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    traced = polepos("add", "module", "orders", "--template", "crud", "--trace")
    assert traced.exit_code == 0
    assert "create src/shop_api/modules/orders/router.py" in traced.stdout
    assert "edit   src/shop_api/api/router.py" in traced.stdout
    diffed = polepos("add", "module", "orders", "--diff")
    assert diffed.exit_code == 0
    assert "+++ b/src/shop_api/modules/orders/model.py" in diffed.stdout
    assert "+from shop_api.modules.orders.router import router as orders_router" in (
        diffed.stdout
    )
    assert tree_digest(project) == before
    assert polepos("add", "module", "orders").exit_code == 0
    after = tree_digest(project)
    assert (
        "delete src/shop_api/modules/orders/router.py"
        in polepos("remove", "module", "orders", "--trace").stdout
    )
    assert (
        "--- a/src/shop_api/modules/orders/router.py"
        in polepos("remove", "module", "orders", "--diff").stdout
    )
    assert tree_digest(project) == after


def test_a_failing_write_leaves_the_project_untouched(
    polepos: Runner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pole_position.cli.services.project import change_set

    real = change_set._atomic_write
    writes: list[Path] = []

    def flaky(target: Path, data: bytes, mode: int | None, temp: Path) -> None:
        writes.append(target)
        if len(writes) == 5:
            raise OSError("simulated disk failure")
        real(target, data, mode, temp)

    before = tree_digest(project)
    monkeypatch.setattr(change_set, "_atomic_write", flaky)
    result = polepos("add", "module", "orders", "--template", "crud")
    assert result.exit_code == 1
    assert "simulated disk failure; every change was rolled back" in result.stderr
    assert len(writes) == 5
    assert tree_digest(project) == before


def test_concurrent_writer_is_refused(polepos: Runner, project: Path) -> None:
    import fcntl
    import os

    descriptor = os.open(project, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        assert "another polepos command" in _refused(
            polepos, project, 1, "add", "module", "orders"
        )
    finally:
        os.close(descriptor)


def test_wiring_path_does_not_import_the_codemod_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import pole_position.cli.services.plans.module.add as c\n"
        "import pole_position.cli.services.plans.module.remove\n"
        "import pole_position.cli.services.plans.module.wiring as w\n"
        "from pole_position.cli.services.catalog.modules import TEMPLATES\n"
        "from codemods.layout import Layout\n"
        "w.module_wiring(Layout.default('shop_api'), 'orders', TEMPLATES['crud'])\n"
        "bad = [m for m in sys.modules if m.startswith(('libcst.codemod', "
        "'libcst.matchers'))]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
