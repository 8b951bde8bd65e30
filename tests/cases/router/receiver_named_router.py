# args: {"package": "shop_api", "module": "users"}
"""This project's router file names its router `router`."""

from fastapi import APIRouter

# polepos:router-imports

router = APIRouter()

# polepos:router-includes
# output
"""This project's router file names its router `router`."""

from fastapi import APIRouter

from shop_api.modules.users.router import router as users_router

# polepos:router-imports

router = APIRouter()

router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
