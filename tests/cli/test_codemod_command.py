"""`polepos codemod`, and a codemod formatter that needs only black and isort."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from codemods.format import format_code
from tests.conftest import REPO_ROOT, Runner, run_polepos_process

ROUTER = "src/shop_api/api/router.py"
ADD_USERS = ("router.AddRouter", "--package", "shop_api", "--module", "users", ROUTER)
UNFORMATTED = (
    "import sys\nimport os\nfrom shop_api import settings\nimport fastapi\n"
    "VALUE = ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', "
    "'bbbbbbbbbbbbbbbbbbbbbbbbbbbbb']\n"
)


def _distributions(name: str, seen: set[str]) -> None:
    """`name` and every distribution it needs (no extras), by normalised name."""
    key = name.lower().replace("-", "_")
    if key in seen:
        return
    seen.add(key)
    for line in importlib.metadata.requires(name) or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            _distributions(requirement.name, seen)


@pytest.fixture(scope="module")
def formatter_only_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv whose python has black and isort, and neither polepos nor LibCST.

    Like a generated project's own `.venv`. Built offline: the distributions are
    linked from this interpreter's site-packages instead of installed.
    """
    env = tmp_path_factory.mktemp("formatter-env") / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(env)], check=True
    )
    site = next((env / "lib").glob("python3*/site-packages"))
    names: set[str] = set()
    for top in ("black", "isort"):
        _distributions(top, names)
    for name in sorted(names):
        distribution = importlib.metadata.distribution(name)
        tops = {file.parts[0] for file in distribution.files or []}
        for top in sorted(tops - {"__pycache__", ".."}):
            source = Path(str(distribution.locate_file(top)))
            if source.exists() and not (site / top).exists():
                (site / top).symlink_to(source)
    return env / "bin"


def _path_first(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    env["PATH"] = os.pathsep.join([str(folder), env.get("PATH", "")])
    return env


def _config_formatter(root: Path) -> list[str]:
    config = yaml.safe_load((root / ".libcst.codemod.yaml").read_text())
    formatter: list[str] = config["formatter"]
    return formatter


@pytest.fixture
def project(project_factory: Callable[..., Path]) -> Path:
    return project_factory("shop-api", "--db", "none")


def _twin(project: Path, tmp_path: Path) -> Path:
    twin = tmp_path / "twin" / project.name
    shutil.copytree(project, twin)
    return twin


def test_codemod_wires_the_router_exactly_like_add(
    polepos: Runner, project: Path, tmp_path: Path
) -> None:
    twin = _twin(project, tmp_path)
    assert polepos("add", "module", "users", "--api-only", cwd=project).exit_code == 0
    completed = run_polepos_process("codemod", *ADD_USERS, cwd=twin)
    assert completed.returncode == 0, completed.stderr
    assert "Transformed 1 files successfully." in completed.stderr
    assert (twin / ROUTER).read_bytes() == (project / ROUTER).read_bytes()


def test_codemod_runs_at_the_project_root_from_a_subfolder(
    project: Path,
) -> None:
    completed = run_polepos_process("codemod", *ADD_USERS, cwd=project / "src")
    assert completed.returncode == 0, completed.stderr
    assert b"users_router" in (project / ROUTER).read_bytes()


def test_a_repeated_apply_changes_nothing_and_says_so(project: Path) -> None:
    assert run_polepos_process("codemod", *ADD_USERS, cwd=project).returncode == 0
    before = (project / ROUTER).read_bytes()
    again = run_polepos_process("codemod", *ADD_USERS, cwd=project)
    assert again.returncode == 0
    assert "Transformed 0 files successfully." in again.stderr
    assert "Skipped 1 files." in again.stderr
    assert "already wired" in again.stderr
    assert (project / ROUTER).read_bytes() == before
    docs = " ".join((REPO_ROOT / "docs" / "codemods.md").read_text().split())
    assert "Transformed 0 files successfully" in docs


def test_the_tools_exit_code_is_passed_on(project: Path) -> None:
    before = (project / ROUTER).read_bytes()
    completed = run_polepos_process(
        "codemod", "router.NoSuchCommand", ROUTER, cwd=project
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert (project / ROUTER).read_bytes() == before


def test_without_the_config_it_refuses_in_one_line(project: Path) -> None:
    (project / ".libcst.codemod.yaml").unlink()
    completed = run_polepos_process("codemod", *ADD_USERS, cwd=project)
    assert completed.returncode == 1
    assert completed.stderr.count("\n") == 1
    assert ".libcst.codemod.yaml is missing" in completed.stderr


def test_codemod_help_names_the_route(polepos: Runner) -> None:
    result = polepos("codemod", "--help")
    assert result.exit_code == 0
    assert "polepos codemod router.AddRouter" in result.stdout


# -- the configured formatter --------------------------------------------------


def test_the_env_has_black_and_isort_but_not_polepos(formatter_only_env: Path) -> None:
    python = formatter_only_env / "python"
    for module in ("black", "isort"):
        subprocess.run([python, "-c", f"import {module}"], check=True)
    for module in ("codemods", "pole_position", "libcst"):
        missing = subprocess.run(
            [python, "-c", f"import {module}"], capture_output=True, cwd="/"
        )
        assert missing.returncode != 0, module


def test_generated_formatter_works_from_an_env_without_polepos(
    formatter_only_env: Path, project: Path
) -> None:
    formatter = _config_formatter(project)
    assert formatter[0] == "python"
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("line-length = 88", "line-length = 100")
    )
    completed = subprocess.run(
        formatter,
        input=UNFORMATTED,
        capture_output=True,
        text=True,
        cwd=project,
        env=_path_first(formatter_only_env),
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == (
        "import os\nimport sys\n\nimport fastapi\n\nfrom shop_api import settings\n\n"
        'VALUE = ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", '
        '"bbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]\n'
    )


def test_direct_libcst_route_with_the_project_env_first_on_path(
    formatter_only_env: Path, polepos: Runner, project: Path, tmp_path: Path
) -> None:
    # The failure: the project's .venv active, LibCST run by the
    # interpreter polepos is installed in. The formatter must not need polepos.
    twin = _twin(project, tmp_path)
    assert polepos("add", "module", "users", "--api-only", cwd=project).exit_code == 0
    completed = subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", *ADD_USERS],
        cwd=twin,
        env=_path_first(formatter_only_env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Failed to codemod 0 files." in completed.stderr
    assert (twin / ROUTER).read_bytes() == (project / ROUTER).read_bytes()


def test_repository_and_template_formatters_are_the_same() -> None:
    template = REPO_ROOT / "template" / "project" / ".libcst.codemod.yaml.jinja"
    assert (
        _config_formatter(REPO_ROOT)
        == yaml.safe_load(template.read_text())["formatter"]
    )


# -- codemods.format ------------------------------------------------------------


def test_format_code_uses_the_projects_black_line_length(tmp_path: Path) -> None:
    long_call = "result = call(" + ", ".join(f"argument_{i}" for i in range(8)) + ")\n"
    assert 88 < len(long_call) <= 120
    assert format_code(long_call, str(tmp_path)) != long_call  # black's default 88
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 120\n")
    assert format_code(long_call, str(tmp_path)) == long_call


def test_format_code_honours_skip_string_normalization(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.black]\nskip-string-normalization = true\n"
    )
    assert format_code("x = 'a'\n", str(tmp_path)) == "x = 'a'\n"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "pyproject.toml").write_text("[project]\nname = 'plain'\n")
    assert format_code("x = 'a'\n", str(plain)) == 'x = "a"\n'


def test_the_documented_unified_diff_example_writes_nothing(project: Path) -> None:
    before = (project / ROUTER).read_bytes()
    completed = run_polepos_process(
        "codemod",
        "router.AddRouter",
        "--package",
        "shop_api",
        "--module",
        "users",
        "--unified-diff",
        "1",
        ROUTER,
        cwd=project,
    )
    assert completed.returncode == 0, completed.stderr
    assert "+from shop_api.modules.users.router import router as users_router" in (
        completed.stdout
    )
    assert (project / ROUTER).read_bytes() == before
