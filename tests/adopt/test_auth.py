"""`add auth` and ai-prompt modules in adopted projects: exact inverses, clear refusals.

The generated code is run for real by `test_e2e.py`; these tests hold the
wiring, the layout of the generated files and every refusal, in process.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.adopt.conftest import assert_formatted
from tests.conftest import Runner, tree_digest

WITH_DATABASE = ("fullstack", "factory", "routes_api")
# Files the auth module carries only in an adopted project (template/auth/_layout.toml).
FOUNDATION = (
    "dependencies.py",
    "errors.py",
    "principal.py",
    "settings.py",
    "tokens.py",
)


def _package_dir(root: Path) -> str:
    data = tomllib.loads((root / ".poleposition.toml").read_text())
    value: str = data["layout"]["package_dir"]
    return value


def _ok(polepos: Runner, root: Path, *args: str) -> str:
    result = polepos(*args, cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize("name", WITH_DATABASE)
def test_auth_and_ai_prompt_then_remove_and_undo_are_exact(
    name: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy(name)
    before = tree_digest(root)
    _ok(polepos, root, "adopt")
    adopted = tree_digest(root)
    package_dir = _package_dir(root)
    package = Path(package_dir).name
    pyproject = (root / "pyproject.toml").read_text()

    _ok(polepos, root, "add", "auth", "--no-install")
    _ok(polepos, root, "add", "module", "jobs", "--template", "ai-prompt")
    _ok(polepos, root, "check")

    auth = root / package_dir / "modules" / "auth"
    for foundation in FOUNDATION:
        assert (auth / foundation).is_file(), foundation
    # Nothing of what only `polepos start` generates is imported.
    generated = [f"{package}.{m}" for m in ("app", "api.deps", "db.", "domain.")]
    generated += [f"{package}.auth.", f"{package}.bootstrap", f"{package}.settings"]
    new_files = [root / path for path in tree_digest(root) if path not in adopted]
    python = [path for path in new_files if path.suffix == ".py"]
    for path in python:
        text = path.read_text()
        for module in generated:
            if module == f"{package}.settings" and name == "routes_api":
                continue  # storefront keeps its settings in storefront/settings.py
            assert f"from {module}" not in text, (path, module)
    assert (
        f"from {package}._polepos.deps import SessionDep"
        in (auth / "dependencies.py").read_text()
    )
    settings = _settings_text(root)
    assert 'jwt_secret: str = ""' in settings
    assert "llm_provider: str = " in settings  # no Literal import in adopted config
    assert '"pyjwt>=2.8"' in (root / "pyproject.toml").read_text()
    assert_formatted(root, python, package)
    # Upgrade renders them with add's context: nothing to do right after adding.
    assert "The project is up to date" in _ok(polepos, root, "upgrade")

    _ok(polepos, root, "remove", "module", "jobs", "--no-install")
    _ok(polepos, root, "remove", "auth", "--no-install")
    _ok(polepos, root, "check")
    after = tree_digest(root)
    after.pop(".poleposition.lock")  # emptied; `adopt --undo` deletes it
    assert after == adopted
    assert (root / "pyproject.toml").read_text() == pyproject
    _ok(polepos, root, "adopt", "--undo")
    assert tree_digest(root) == before


def _settings_text(root: Path) -> str:
    data = tomllib.loads((root / ".poleposition.toml").read_text())
    return (root / data["layout"]["settings_file"]).read_text()


def test_ai_prompt_works_without_a_database(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    before = tree_digest(root)
    _ok(polepos, root, "adopt")
    _ok(polepos, root, "add", "module", "jobs", "--template", "ai-prompt")
    _ok(polepos, root, "check")
    factory = root / "src/inventory/integrations/llm/factory.py"
    # The project's uncached get_settings() is no dependency: Settings() is built.
    text = factory.read_text()
    assert "from inventory.settings import Settings\n" in text
    assert "settings = settings or Settings()" in text
    _ok(polepos, root, "remove", "module", "jobs", "--no-install")
    _ok(polepos, root, "adopt", "--undo")
    assert tree_digest(root) == before


def test_auth_refused_without_a_database(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("src_nodb")
    _ok(polepos, root, "adopt")
    adopted = tree_digest(root)
    result = polepos("add", "auth", "--no-install", cwd=root)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: auth stores its users in the database")
    assert "found no declarative base" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(root) == adopted


# (file written into the fullstack fixture, its text, what the refusal names)
OWN_AUTH = [
    (
        "app/core/security.py",
        "from fastapi.security import OAuth2PasswordBearer\n\n"
        'oauth2 = OAuth2PasswordBearer(tokenUrl="/login")\n',
        "app/core/security.py:1: the security scheme OAuth2PasswordBearer",
    ),
    (
        "app/api/bearer.py",
        "from fastapi import security\n\nscheme = security.HTTPBearer()\n",
        "app/api/bearer.py:3: the security scheme HTTPBearer",
    ),
    (
        "app/api/users.py",
        "def get_current_user() -> None:\n    return None\n",
        "app/api/users.py:1: a get_current_user() dependency",
    ),
    (
        "app/users.py",
        "from app.models import Base\n\n\nclass User(Base):\n"
        '    __tablename__ = "accounts"\n',
        "app/users.py:4: the user model User",
    ),
    (
        "app/users.py",
        "from sqlmodel import SQLModel\n\n\nclass User(SQLModel, table=True):\n"
        "    id: int\n",
        "app/users.py:4: the user model User",
    ),
    (
        "app/people.py",
        "from app.models import Base\n\n\nclass Person(Base):\n"
        '    __tablename__ = "users"\n',
        'app/people.py:4: the table "users"',
    ),
    ("app/auth/__init__.py", "", "app/auth/__init__.py: an auth module"),
    ("app/api/routes/auth.py", "", "app/api/routes/auth.py: an auth module"),
]


@pytest.mark.parametrize(("path", "text", "named"), OWN_AUTH)
def test_auth_refused_when_the_project_has_its_own(
    path: str,
    text: str,
    named: str,
    fixture_copy: Callable[[str], Path],
    polepos: Runner,
) -> None:
    root = fixture_copy("fullstack")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text)
    _ok(polepos, root, "adopt")
    adopted = tree_digest(root)
    result = polepos("add", "auth", "--no-install", cwd=root)
    assert result.exit_code == 1
    assert f"has authentication of its own ({named})" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(root) == adopted


def test_auth_refused_when_the_settings_already_hold_jwt_fields(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    config = root / "app/core/config.py"
    config.write_text(
        config.read_text().replace(
            '    API_V1_STR: str = "/api/v1"\n',
            '    API_V1_STR: str = "/api/v1"\n    JWT_SECRET: str = ""\n',
        )
    )
    _ok(polepos, root, "adopt")
    result = polepos("add", "auth", "--no-install", cwd=root)
    assert result.exit_code == 1
    assert "app/core/config.py:6: the settings field JWT_SECRET" in result.stderr


def test_user_models_of_other_names_and_plain_schemas_do_not_refuse(
    fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    """A pydantic `User` schema or an `Item` table is no authentication."""
    root = fixture_copy("fullstack")
    (root / "app/schemas.py").write_text(
        "from pydantic import BaseModel\n\n\nclass User(BaseModel):\n    name: str\n"
    )
    _ok(polepos, root, "adopt")
    _ok(polepos, root, "add", "auth", "--no-install")
    again = polepos("add", "auth", "--no-install", cwd=root)
    assert again.exit_code == 1
    assert "auth is already in this project" in again.stderr


@pytest.mark.parametrize("option", ["--auth-required", "--tenant-scoped"])
def test_module_options_needing_the_generated_jwt_foundation_are_refused(
    option: str, fixture_copy: Callable[[str], Path], polepos: Runner
) -> None:
    root = fixture_copy("fullstack")
    _ok(polepos, root, "adopt")
    _ok(polepos, root, "add", "auth", "--no-install")
    added = tree_digest(root)
    result = polepos("add", "module", "orders", "--template", "crud", option, cwd=root)
    assert result.exit_code == 1
    assert f"{option} builds on the JWT foundation" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert tree_digest(root) == added
