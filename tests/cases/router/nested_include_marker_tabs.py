# args: {"package": "shop_api", "module": "customer_shipping_addresses_archive"}
"""Tab-indented factory."""

from fastapi import APIRouter

# polepos:router-imports


def build_router() -> APIRouter:
	"""Build the API router."""
	api_router = APIRouter()
	# polepos:router-includes
	return api_router
# output
"""Tab-indented factory."""

from fastapi import APIRouter

from shop_api.modules.customer_shipping_addresses_archive.router import (
    router as customer_shipping_addresses_archive_router,
)

# polepos:router-imports


def build_router() -> APIRouter:
	"""Build the API router."""
	api_router = APIRouter()
	api_router.include_router(
		customer_shipping_addresses_archive_router,
		prefix="/customer_shipping_addresses_archive",
		tags=["customer_shipping_addresses_archive"],
	)
	# polepos:router-includes
	return api_router
