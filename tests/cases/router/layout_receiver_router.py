# args: {"package": "backend", "module": "orders", "path": "src/backend/routes/api.py", "router_name": "router", "modules_package": "backend.features"}
"""The aggregator is `routes/api.py`, its receiver `router`, modules live in `features/`."""

from fastapi import APIRouter

from backend.features.billing.router import router as billing_router
from backend.features.users.router import router as users_router

# polepos:router-imports

router = APIRouter(prefix="/api")

router.include_router(billing_router, prefix="/billing", tags=["billing"])
router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
# output
"""The aggregator is `routes/api.py`, its receiver `router`, modules live in `features/`."""

from fastapi import APIRouter

from backend.features.billing.router import router as billing_router
from backend.features.orders.router import router as orders_router
from backend.features.users.router import router as users_router

# polepos:router-imports

router = APIRouter(prefix="/api")

router.include_router(billing_router, prefix="/billing", tags=["billing"])
router.include_router(orders_router, prefix="/orders", tags=["orders"])
router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
