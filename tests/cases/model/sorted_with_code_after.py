# args: {"package": "shop_api", "module": "orders"}
"""Models."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    # Customers first: other tables reference them.
    from shop_api.modules.customers import model as customers_model
    from shop_api.modules.users import model as users_model

    # polepos:model-imports


def count_models() -> int:
    # a user helper
    return 2
# output
"""Models."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    # Customers first: other tables reference them.
    from shop_api.modules.customers import model as customers_model
    from shop_api.modules.orders import model as orders_model
    from shop_api.modules.users import model as users_model

    # polepos:model-imports


def count_models() -> int:
    # a user helper
    return 2
