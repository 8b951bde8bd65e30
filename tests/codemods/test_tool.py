"""`python -m libcst.tool codemod <kind>.<Command>`, in a project and at the root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from tests.codemods._support import CONTEXT, REPO, TEMPLATE, managed_file

ROUTER = "src/shop_api/api/router.py"
MODELS = "src/shop_api/db/models.py"
MODULES = "src/shop_api/modules/__init__.py"
SETTINGS = "src/shop_api/settings.py"

SETTINGS_TEXT = '''"""Settings."""

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    """Every setting."""

    access_token_expire_minutes: int = 30

    # polepos:auth-settings

    # polepos:llm-settings

    # polepos:integration-settings
'''


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # The formatter runs the first `python` on PATH with black and isort: put this
    # interpreter first; `codemods` is importable for libcst.tool's `modules`.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod", *args],
        cwd=cwd,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A minimal project with the managed files and the generated codemod config."""
    config = (TEMPLATE / ".libcst.codemod.yaml.jinja").read_text(encoding="utf-8")
    rendered = jinja2.Environment(keep_trailing_newline=True).from_string(config)
    (tmp_path / ".libcst.codemod.yaml").write_text(
        rendered.render(CONTEXT), encoding="utf-8"
    )
    for relative, target in [
        ("api/router.py", ROUTER),
        ("db/models.py", MODELS),
        ("modules/__init__.py", MODULES),
    ]:
        path = tmp_path / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(managed_file(relative).encode())
    (tmp_path / SETTINGS).write_bytes(SETTINGS_TEXT.encode())
    return tmp_path


def test_generated_config_matches_the_repository_config() -> None:
    template = (TEMPLATE / ".libcst.codemod.yaml.jinja").read_text(encoding="utf-8")
    rendered = jinja2.Environment(keep_trailing_newline=True).from_string(template)
    assert rendered.render(CONTEXT) == (REPO / ".libcst.codemod.yaml").read_text(
        encoding="utf-8"
    )


def test_every_command_round_trips_in_a_project(project: Path) -> None:
    originals = {
        p: (project / p).read_bytes() for p in (ROUTER, MODELS, MODULES, SETTINGS)
    }
    steps = [
        (
            ["router.AddRouter", "--package", "shop_api", "--module", "users", ROUTER],
            ROUTER,
            b"from shop_api.modules.users.router import router as users_router\n",
        ),
        (
            [
                "model.AddModelImport",
                "--package",
                "shop_api",
                "--module",
                "users",
                MODELS,
            ],
            MODELS,
            b"    from shop_api.modules.users import model as users_model\n",
        ),
        (["export.AddExport", "--name", "users", MODULES], MODULES, b'    "users",\n'),
        (
            [
                "settings.AddSettingsFields",
                "--marker",
                "integration-settings",
                "--field",
                'redis_url:str="redis://localhost:6379/0"',
                "--field",
                "redis_enabled:bool=False",
                "--header",
                "Redis: polepos add integration redis",
                SETTINGS,
            ],
            SETTINGS,
            b"    # Redis: polepos add integration redis\n"
            b'    redis_url: str = "redis://localhost:6379/0"\n'
            b"    redis_enabled: bool = False\n"
            b"    # polepos:integration-settings\n",
        ),
    ]
    for args, path, expected in steps:
        result = _run(project, *args)
        assert result.returncode == 0, result.stderr
        assert expected in (project / path).read_bytes(), result.stderr
        # Idempotent through the tool too.
        before = (project / path).read_bytes()
        assert _run(project, *args).returncode == 0
        assert (project / path).read_bytes() == before
    for args, path, _ in reversed(steps):
        command = args[0].replace(".Add", ".Remove")
        result = _run(project, command, *args[1:])
        assert result.returncode == 0, result.stderr
        assert (project / path).read_bytes() == originals[path], result.stderr


def test_router_command_output_is_exact(project: Path) -> None:
    result = _run(
        project,
        "router.AddRouter",
        "--package",
        "shop_api",
        "--module",
        "users",
        ROUTER,
    )
    assert result.returncode == 0, result.stderr
    text = (project / ROUTER).read_text(encoding="utf-8")
    assert text.endswith(
        "from shop_api.modules.users.router import router as users_router\n\n"
        "# polepos:router-imports\n\napi_router = APIRouter()\n\n"
        'api_router.include_router(users_router, prefix="/users", tags=["users"])\n'
        "# polepos:router-includes\n"
    )


def test_a_missing_marker_fails_with_a_clear_message(project: Path) -> None:
    (project / ROUTER).write_text("from fastapi import APIRouter\n", encoding="utf-8")
    result = _run(
        project,
        "router.AddRouter",
        "--package",
        "shop_api",
        "--module",
        "users",
        ROUTER,
    )
    assert "marker `# polepos:router-imports` not found" in result.stderr
    assert (project / ROUTER).read_text(
        encoding="utf-8"
    ) == "from fastapi import APIRouter\n"


def test_from_the_repository_root(tmp_path: Path) -> None:
    # The repository's own config: run from the root against a file inside it.
    scratch = REPO / "tests" / "codemods" / f"_scratch_{os.getpid()}"
    scratch.mkdir()
    try:
        target = scratch / "router.py"
        original = managed_file("api/router.py")
        target.write_text(original, encoding="utf-8")
        relative = str(target.relative_to(REPO))
        result = _run(
            REPO,
            "router.AddRouter",
            "--package",
            "shop_api",
            "--module",
            "orders",
            relative,
        )
        assert result.returncode == 0, result.stderr
        assert b'prefix="/orders"' in target.read_bytes()
        result = _run(
            REPO,
            "router.RemoveRouter",
            "--package",
            "shop_api",
            "--module",
            "orders",
            relative,
        )
        assert result.returncode == 0, result.stderr
        assert target.read_text(encoding="utf-8") == original
    finally:
        shutil.rmtree(scratch)
