# args: {"package": "app", "module": "orders", "path": "main.py", "router_name": "app", "modules_package": "app.modules"}
"""A flat project: `main.py` builds the app in a factory and includes the routers."""

from fastapi import FastAPI

from app.routes import items, users

# polepos:router-imports


def create_app() -> FastAPI:
    """Build the application."""
    app = FastAPI(title="Shop")
    app.include_router(items.router, prefix="/items")
    app.include_router(users.router, prefix="/users")
    # polepos:router-includes
    return app


app = create_app()
# output
"""A flat project: `main.py` builds the app in a factory and includes the routers."""

from fastapi import FastAPI

from app.routes import items, users
from app.modules.orders.router import router as orders_router

# polepos:router-imports


def create_app() -> FastAPI:
    """Build the application."""
    app = FastAPI(title="Shop")
    app.include_router(items.router, prefix="/items")
    app.include_router(users.router, prefix="/users")
    app.include_router(orders_router, prefix="/orders", tags=["orders"])
    # polepos:router-includes
    return app


app = create_app()
