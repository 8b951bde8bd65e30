# args: {"package": "shop_api", "module": "customer_shipping_addresses_archive"}
"""Model aggregation, tab-indented."""


def import_models() -> None:
	"""Import every module's models so `Base.metadata` knows all tables."""
	# polepos:model-imports
# output
"""Model aggregation, tab-indented."""


def import_models() -> None:
	"""Import every module's models so `Base.metadata` knows all tables."""
	from shop_api.modules.customer_shipping_addresses_archive import (
		model as customer_shipping_addresses_archive_model,
	)

	# polepos:model-imports
