# args: {"package": "shop_api", "module": "customer_shipping_addresses_archive"}
"""The application factory includes the module routers itself."""

from fastapi import FastAPI

# polepos:router-imports


def create_app() -> FastAPI:
    """Build the app."""
    app = FastAPI()
    # polepos:router-includes
    return app
# output
"""The application factory includes the module routers itself."""

from fastapi import FastAPI

from shop_api.modules.customer_shipping_addresses_archive.router import (
    router as customer_shipping_addresses_archive_router,
)

# polepos:router-imports


def create_app() -> FastAPI:
    """Build the app."""
    app = FastAPI()
    app.include_router(
        customer_shipping_addresses_archive_router,
        prefix="/customer_shipping_addresses_archive",
        tags=["customer_shipping_addresses_archive"],
    )
    # polepos:router-includes
    return app
