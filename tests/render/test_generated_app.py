"""The generated application keeps its per-request path cheap (issue 17)."""

from __future__ import annotations

import ast

import pytest

from pole_position.cli.services.render.templates import render_folder

CONTEXT = {
    "project_name": "shop-api",
    "package": "shop_api",
    "no_bytecode": False,
    "polepos_version": "0",
}
FEATURES = ["auth", "integrations/redis", "integrations/kafka", "integrations/rq"]


def sources(db: str) -> dict[str, ast.Module]:
    """Every generated Python source (not tests) of a project and its features."""
    context = {**CONTEXT, "db": db}
    files = render_folder("project", context)
    for folder in FEATURES:
        files.update(render_folder(folder, context))
    return {
        path: ast.parse(text)
        for path, text in files.items()
        if path.startswith("src/") and path.endswith(".py")
    }


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none"])
def test_middleware_is_plain_asgi(db: str) -> None:
    """No `BaseHTTPMiddleware` subclass and no `@app.middleware("http")` function."""
    trees = sources(db)
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                assert name != "BaseHTTPMiddleware", path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                assert node.func.attr != "middleware", (path, ast.unparse(node))
    middleware = trees["src/shop_api/bootstrap/middleware.py"]
    added = [
        ast.unparse(node.args[0])
        for node in ast.walk(middleware)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_middleware"
    ]
    assert sorted(added) == ["CORSMiddleware", "RequestIdMiddleware"]
    classes = [n for n in middleware.body if isinstance(n, ast.ClassDef)]
    assert [c.name for c in classes] == ["RequestIdMiddleware"]
    assert classes[0].bases == []


def test_no_route_dependency_overrides_settings() -> None:
    """Any dependency override makes FastAPI inspect it again on every request."""
    app = sources("sqlite")["src/shop_api/app.py"]
    assert "dependency_overrides" not in ast.unparse(app)


def test_status_route_runs_on_the_event_loop() -> None:
    """A sync route costs a threadpool hop for the route and one for its response;
    a parameter (`request: Request`, a dependency) costs solving it per request."""
    router = sources("none")["src/shop_api/modules/status/router.py"]
    registered = [
        node
        for node in ast.walk(router)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "add_api_route"
    ]
    assert len(registered) == 1
    endpoint = ast.unparse(registered[0].args[1])
    [route] = [
        node
        for node in ast.walk(router)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name == endpoint
    ]
    assert isinstance(route, ast.AsyncFunctionDef)
    assert not route.args.args
    assert not route.args.kwonlyargs


@pytest.mark.parametrize("db", ["sqlite", "postgres", "none"])
def test_status_route_is_registered_on_the_app(db: str) -> None:
    """FastAPI walks each level of included routers on every request: the status
    route is added to the app itself, zero levels deep, and the API router the
    module routers go into leaves it out."""
    trees = sources(db)
    app = trees["src/shop_api/app.py"]
    calls = [
        ast.unparse(node)
        for node in ast.walk(app)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "add_status_route"
    ]
    assert calls == ["add_status_route(app, settings, app.state.started_at)"]
    router = ast.unparse(trees["src/shop_api/modules/status/router.py"])
    assert "APIRouter" not in router
    assert "include_router" not in router
    assert "status" not in ast.unparse(trees["src/shop_api/api/router.py"])


@pytest.mark.parametrize(
    "options",
    [(), ("pagination", "timestamps"), ("tenant-scoped",), ("auth-required",)],
)
def test_crud_routes_cost_one_threadpool_hop(options: tuple[str, ...]) -> None:
    """A sync route costs hops for the route, its response and the session close;
    an async route awaiting one worker-thread call costs one."""
    from codemods.layout import Layout
    from pole_position.cli.services.catalog.modules import option_flags
    from pole_position.cli.services.naming.inflection import module_names

    context = {
        **CONTEXT,
        **Layout.default(str(CONTEXT["package"])).imports_context(),
        "db": "sqlite",
        "template": "crud",
        **module_names("items").as_context(),
        **option_flags(options),
    }
    files = render_folder("modules/crud", context)
    router = ast.parse(files["src/shop_api/modules/items/router.py"])
    routes = [
        node
        for node in router.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.decorator_list
    ]
    assert len(routes) == 5
    for route in routes:
        assert isinstance(route, ast.AsyncFunctionDef), route.name
        hops = [
            node
            for node in ast.walk(route)
            if isinstance(node, ast.Await)
            and isinstance(node.value, ast.Call)
            and ast.unparse(node.value.func) == "run_in_session_thread"
        ]
        assert len(hops) == 1, route.name
