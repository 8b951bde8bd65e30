# args: {"package": "shop_api", "module": "users"}
"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    # polepos:model-imports
# output
"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.modules.users import model as users_model

    # polepos:model-imports
