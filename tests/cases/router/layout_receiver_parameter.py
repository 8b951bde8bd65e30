# args: {"package": "app", "module": "orders", "path": "app/api/main.py", "router_name": "app", "modules_package": "app.modules"}
"""Routers are registered on an app passed in: the receiver is a parameter."""

from fastapi import FastAPI

# polepos:router-imports


def register_routers(app: FastAPI) -> None:
    """Mount every feature router."""
    # polepos:router-includes
# output
"""Routers are registered on an app passed in: the receiver is a parameter."""

from fastapi import FastAPI

from app.modules.orders.router import router as orders_router

# polepos:router-imports


def register_routers(app: FastAPI) -> None:
    """Mount every feature router."""
    app.include_router(orders_router, prefix="/orders", tags=["orders"])
    # polepos:router-includes
