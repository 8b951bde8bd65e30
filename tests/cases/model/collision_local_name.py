# args: {"package": "shop_api", "module": "users", "_refuse": "PP270", "_line": 6}
"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    from shop_api.legacy import accounts as users_model  # noqa: F401

    # polepos:model-imports
