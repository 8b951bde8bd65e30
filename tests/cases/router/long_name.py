# args: {"package": "shop_api", "module": "abcdefghijklm"}
from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()

# polepos:router-includes
# output
from fastapi import APIRouter

from shop_api.modules.abcdefghijklm.router import router as abcdefghijklm_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(
    abcdefghijklm_router, prefix="/abcdefghijklm", tags=["abcdefghijklm"]
)
# polepos:router-includes
