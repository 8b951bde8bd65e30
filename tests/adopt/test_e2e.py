"""Adopt each fixture project, grow it, shrink it, undo: its own tests keep passing.

Growing adds an api-only or crud module, redis, an ai-prompt module and, where
there is a database, a service-only module and auth; their generated tests run
next to the project's own.

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
# The fixtures with a declarative base, where crud modules are supported.
WITH_DATABASE = {"fullstack", "factory", "routes_api"}


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
    template = "crud" if name in WITH_DATABASE else "api-only"
    ok("add", "module", "orders", "--template", template, "--no-install")
    ok("add", "integration", "redis", "--no-install")
    ok("add", "module", "jobs", "--template", "ai-prompt", "--no-install")
    if name in WITH_DATABASE:
        ok("add", "module", "ledger", "--template", "service-only", "--no-install")
        ok("add", "auth", "--no-install")
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

    collected = runtime_env.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--co", cwd=root
    ).stdout
    # The ai-prompt module's and the LLM adapters' generated tests ran too.
    assert "test_jobs_api.py" in collected
    assert "test_llm_providers.py" in collected
    assert route.replace("orders", "jobs") + "respond" in openapi_paths(
        runtime_env, root, target
    )
    if name in WITH_DATABASE:
        # The crud module's and auth's generated unit and API tests ran, none failed.
        assert "test_orders_service.py" in collected
        assert "test_ledger_persistence.py" in collected
        assert "test_auth_api.py" in collected
        assert " failed" not in out
        assert " error" not in out
        paths = openapi_paths(runtime_env, root, target)
        assert f"{route}{{item_id}}" in paths
        assert route.replace("orders", "auth") + "me" in paths
    else:
        refused = polepos("add", "module", "invoices", "--template", "crud", cwd=root)
        assert refused.exit_code == 1
        assert "found no declarative base" in refused.stderr

    ok("remove", "integration", "redis", "--no-install")
    ok("remove", "module", "jobs", "--no-install")
    if name in WITH_DATABASE:
        ok("remove", "auth", "--no-install")
        ok("remove", "module", "ledger", "--no-install")
    ok("remove", "module", "orders", "--no-install")
    ok("check")
    assert route not in openapi_paths(runtime_env, root, target)
    ok("adopt", "--undo")
    assert tree_digest(root) == before
    runtime_env.own_tests(root)
