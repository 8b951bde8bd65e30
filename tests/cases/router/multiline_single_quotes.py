# args: {"package": "shop_api", "module": "users"}
from fastapi import APIRouter

from shop_api.modules.orders.router import router as orders_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(
    orders_router,
    prefix='/orders',
    tags=['orders'],
)
# polepos:router-includes
# output
from fastapi import APIRouter

from shop_api.modules.orders.router import router as orders_router
from shop_api.modules.users.router import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(
    orders_router,
    prefix='/orders',
    tags=['orders'],
)
api_router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
