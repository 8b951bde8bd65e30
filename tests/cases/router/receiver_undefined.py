# args: {"package": "shop_api", "module": "users", "_refuse": "PP271", "_line": 10}
from fastapi import APIRouter

from shop_api.modules.orders.router import router as orders_router

# polepos:router-imports

router = APIRouter()

api_router.include_router(orders_router, prefix="/orders", tags=["orders"])
# polepos:router-includes
