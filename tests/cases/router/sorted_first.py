# args: {"package": "shop_api", "module": "accounts"}
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

from shop_api.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
# output
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

from shop_api.modules.accounts.router import router as accounts_router
from shop_api.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(accounts_router, prefix="/accounts", tags=["accounts"])
api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
