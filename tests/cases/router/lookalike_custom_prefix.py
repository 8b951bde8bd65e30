# args: {"package": "shop_api", "module": "users", "_refuse": "PP207", "_line": 9}
from fastapi import APIRouter

from shop_api.modules.users.router import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(users_router, prefix="/v1/users", tags=["users"])
# polepos:router-includes
