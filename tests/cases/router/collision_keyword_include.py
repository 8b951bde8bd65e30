# args: {"package": "shop_api", "module": "users", "_refuse": "PP270", "_line": 3}
from fastapi import APIRouter

from shop_api.api.users import router as users_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(router=users_router)
# polepos:router-includes
