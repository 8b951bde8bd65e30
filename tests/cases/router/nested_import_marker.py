# args: {"package": "shop_api", "module": "customer_shipping_addresses_archive"}
"""Routers are imported late, inside the factory."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    """Build the app."""
    from fastapi import APIRouter

    # polepos:router-imports

    api_router = APIRouter()
    # polepos:router-includes
    app = FastAPI()
    app.include_router(api_router)
    return app
# output
"""Routers are imported late, inside the factory."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    """Build the app."""
    from fastapi import APIRouter

    from shop_api.modules.customer_shipping_addresses_archive.router import (
        router as customer_shipping_addresses_archive_router,
    )

    # polepos:router-imports

    api_router = APIRouter()
    api_router.include_router(
        customer_shipping_addresses_archive_router,
        prefix="/customer_shipping_addresses_archive",
        tags=["customer_shipping_addresses_archive"],
    )
    # polepos:router-includes
    app = FastAPI()
    app.include_router(api_router)
    return app
