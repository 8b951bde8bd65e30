# args: {"path": "src/shop_api/modules/__init__.py", "name": "billing"}
__all__ = [  # the public modules
    # Always first.
    'admin',
    'catalog',  # v2
    # polepos:module-exports
    "custom",  # hand-written, below the marker
]
# output
__all__ = [  # the public modules
    # Always first.
    'admin',
    "billing",
    'catalog',  # v2
    # polepos:module-exports
    "custom",  # hand-written, below the marker
]
