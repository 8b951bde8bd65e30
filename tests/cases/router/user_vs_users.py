# args: {"package": "shop_api", "module": "user"}
from fastapi import APIRouter

from shop_api.modules.users.router import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
# output
from fastapi import APIRouter

from shop_api.modules.user.router import router as user_router
from shop_api.modules.users.router import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(user_router, prefix="/user", tags=["user"])
api_router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
