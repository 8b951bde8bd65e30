# args: {"package": "shop_api", "module": "a1"}
from fastapi import APIRouter

from shop_api.modules.a10.router import router as a10_router
from shop_api.modules.a.router import router as a_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(a10_router, prefix="/a10", tags=["a10"])
api_router.include_router(a_router, prefix="/a", tags=["a"])
# polepos:router-includes
# output
from fastapi import APIRouter

from shop_api.modules.a1.router import router as a1_router
from shop_api.modules.a10.router import router as a10_router
from shop_api.modules.a.router import router as a_router

# polepos:router-imports

api_router = APIRouter()

api_router.include_router(a1_router, prefix="/a1", tags=["a1"])
api_router.include_router(a10_router, prefix="/a10", tags=["a10"])
api_router.include_router(a_router, prefix="/a", tags=["a"])
# polepos:router-includes
