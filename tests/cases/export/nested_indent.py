# args: {"path": "pkg/__init__.py", "name": "users"}
if True:
    __all__ = [
        "orders",
        # polepos:module-exports
    ]
# output
if True:
    __all__ = [
        "orders",
        "users",
        # polepos:module-exports
    ]
