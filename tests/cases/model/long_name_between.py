# args: {"package": "shop_api", "module": "customer_shipping_addresses"}
"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.modules.accounts import model as accounts_model
    from shop_api.modules.customer_billing_addresses import (
        model as customer_billing_addresses_model,
    )
    from shop_api.modules.users import model as users_model

    # polepos:model-imports
# output
"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.modules.accounts import model as accounts_model
    from shop_api.modules.customer_billing_addresses import (
        model as customer_billing_addresses_model,
    )
    from shop_api.modules.customer_shipping_addresses import (
        model as customer_shipping_addresses_model,
    )
    from shop_api.modules.users import model as users_model

    # polepos:model-imports
