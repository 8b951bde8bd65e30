# args: {"path": "src/shop_api/modules/__init__.py", "name": "users"}
"""Feature modules; `__all__` lists every module PolePosition manages."""

__all__ = [
    # polepos:module-exports
]
# output
"""Feature modules; `__all__` lists every module PolePosition manages."""

__all__ = [
    "users",
    # polepos:module-exports
]
