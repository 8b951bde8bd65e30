# args: {"package": "shop_api", "module": "status"}
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()

# polepos:router-includes
# output
"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

from shop_api.modules.status.router import router as status_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(status_router, prefix="/status", tags=["status"])
# polepos:router-includes
