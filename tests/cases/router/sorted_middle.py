# args: {"package": "shop_api", "module": "orders"}
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

from shop_api.modules.customers.router import router as customers_router
from shop_api.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(customers_router, prefix="/customers", tags=["customers"])
api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
# output
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

from shop_api.modules.customers.router import router as customers_router
from shop_api.modules.orders.router import router as orders_router
from shop_api.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(customers_router, prefix="/customers", tags=["customers"])
api_router.include_router(orders_router, prefix="/orders", tags=["orders"])
api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
