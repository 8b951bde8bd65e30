# args: {"path": "src/shop_api/modules/__init__.py", "name": "accounts"}
__all__ = [

    # Users are special.
    "users",
    # polepos:module-exports
]
# output
__all__ = [

    "accounts",
    # Users are special.
    "users",
    # polepos:module-exports
]
