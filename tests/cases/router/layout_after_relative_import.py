# args: {"package": "app", "module": "orders", "path": "app/api/main.py", "modules_package": "app.modules"}
"""Relative imports are isort's local-folder section: the managed one does not join it."""

from fastapi import APIRouter

from .routes import items

# polepos:router-imports

api_router = APIRouter()
api_router.include_router(items.router)
# polepos:router-includes
# output
"""Relative imports are isort's local-folder section: the managed one does not join it."""

from fastapi import APIRouter

from .routes import items

from app.modules.orders.router import router as orders_router

# polepos:router-imports

api_router = APIRouter()
api_router.include_router(items.router)
api_router.include_router(orders_router, prefix="/orders", tags=["orders"])
# polepos:router-includes
