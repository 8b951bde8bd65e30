"""Adopt each fixture project, grow it, shrink it, undo: its own tests keep passing.

Each fixture is installed into the session's shared runtime environment (the
one the generated-project e2e tests use), so these run the projects for real.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest
from tests.e2e.conftest import RuntimeEnv

pytestmark = pytest.mark.e2e

# fixture -> (the app object, where the project serves a new module's routes)
SHAPES = {
    "fullstack": ("app.main:app", "/api/v1/orders/"),
    "factory": ("notes.main:app", "/orders/"),
    "routes_api": ("storefront.app:app", "/api/orders/"),
    "src_nodb": ("inventory.main:app", "/api/orders/"),
}


def openapi_paths(env: RuntimeEnv, root: Path, target: str) -> list[str]:
    """The paths the project's own app publishes in its OpenAPI schema."""
    module, name = target.split(":")
    code = (
        f"import json; from {module} import {name} as app; "
        "print(json.dumps(sorted(app.openapi()['paths'])))"
    )
    result = env.run("python", "-c", code, cwd=root)
    assert result.returncode == 0, result.stderr
    paths: list[str] = json.loads(result.stdout)
    return paths


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_adopt_grow_shrink_undo(
    name: str,
    fixture_copy: Callable[[str], Path],
    polepos: Runner,
    runtime_env: RuntimeEnv,
) -> None:
    root = fixture_copy(name)
    runtime_env.install_project(root)
    runtime_env.own_tests(root)
    before = tree_digest(root)
    target, route = SHAPES[name]
    assert route not in openapi_paths(runtime_env, root, target)

    def ok(*args: str) -> None:
        result = polepos(*args, cwd=root)
        assert result.exit_code == 0, result.stderr

    ok("adopt")
    ok("check")
    ok("add", "module", "orders", "--template", "api-only", "--no-install")
    ok("add", "integration", "redis", "--no-install")
    ok("check")
    out = runtime_env.own_tests(root)
    # The project's own tests, the module's and the integration's all ran.
    assert (
        "test_orders_api.py"
        in runtime_env.run(
            "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--co", cwd=root
        ).stdout
    )
    assert " passed" in out
    assert route in openapi_paths(runtime_env, root, target)

    refused = polepos("add", "module", "invoices", "--template", "crud", cwd=root)
    assert refused.exit_code == 1
    assert "which this adopted project does not have" in refused.stderr

    ok("remove", "integration", "redis", "--no-install")
    ok("remove", "module", "orders", "--no-install")
    ok("check")
    assert route not in openapi_paths(runtime_env, root, target)
    ok("adopt", "--undo")
    assert tree_digest(root) == before
    runtime_env.own_tests(root)
