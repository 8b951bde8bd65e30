# args: {"package": "shop_api", "module": "users", "_refuse": "PP270", "_line": 6}
from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()
users_router = APIRouter(prefix="/users")

api_router.include_router(users_router)
# polepos:router-includes
