# args: {"path": "src/shop_api/modules/__init__.py", "name": "orders"}
__all__ = [
    "customers",
    "status",
    # polepos:module-exports
]
# output
__all__ = [
    "customers",
    "orders",
    "status",
    # polepos:module-exports
]
