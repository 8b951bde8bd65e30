# args: {"path": "src/shop_api/modules/__init__.py", "name": "users", "_error": "src/shop_api/modules/__init__.py: marker `# polepos:module-exports` not found"}
__all__ = [
    "orders",
]
