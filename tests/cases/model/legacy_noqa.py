# args: {"package": "shop_api", "module": "orders"}
"""Written before the per-file F401 ignore: managed lines end in `# noqa: F401`."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.modules.customer_addresses import model as customer_addresses_model  # noqa: F401
    from shop_api.modules.customers import model as customers_model  # noqa: F401
    from shop_api.modules.users import model as users_model  # noqa: F401

    # polepos:model-imports
# output
"""Written before the per-file F401 ignore: managed lines end in `# noqa: F401`."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.modules.customer_addresses import model as customer_addresses_model  # noqa: F401
    from shop_api.modules.customers import model as customers_model  # noqa: F401
    from shop_api.modules.orders import model as orders_model
    from shop_api.modules.users import model as users_model  # noqa: F401

    # polepos:model-imports
