# args: {"package": "shop_api", "module": "billing"}
"""API composition."""

# Third-party first.
from fastapi import APIRouter

# The legacy API stays first.
from shop_api.modules.admin.router import router as admin_router
from shop_api.modules.catalog.router import router as catalog_router  # v2 catalog

# polepos:router-imports

api_router = APIRouter()

# Health checks live outside the modules.
api_router.include_router(admin_router, prefix="/admin", tags=["admin"])
# Catalog is public.
api_router.include_router(catalog_router, prefix="/catalog", tags=["catalog"])
# polepos:router-includes

# Custom routes below the marker are never touched.
api_router.add_api_route("/ping", lambda: "pong")
# output
"""API composition."""

# Third-party first.
from fastapi import APIRouter

# The legacy API stays first.
from shop_api.modules.admin.router import router as admin_router
from shop_api.modules.billing.router import router as billing_router
from shop_api.modules.catalog.router import router as catalog_router  # v2 catalog

# polepos:router-imports

api_router = APIRouter()

# Health checks live outside the modules.
api_router.include_router(admin_router, prefix="/admin", tags=["admin"])
api_router.include_router(billing_router, prefix="/billing", tags=["billing"])
# Catalog is public.
api_router.include_router(catalog_router, prefix="/catalog", tags=["catalog"])
# polepos:router-includes

# Custom routes below the marker are never touched.
api_router.add_api_route("/ping", lambda: "pong")
