# args: {"package": "shop_api", "module": "accounts"}
def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""

    # Users are special.
    from shop_api.modules.users import model as users_model

    # polepos:model-imports
# output
def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""

    from shop_api.modules.accounts import model as accounts_model
    # Users are special.
    from shop_api.modules.users import model as users_model

    # polepos:model-imports
