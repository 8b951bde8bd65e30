# args: {"path": "src/shop_api/integrations/__init__.py", "name": "redis", "marker": "# polepos:integration-exports"}
"""Integrations; `__all__` lists every integration PolePosition manages."""

__all__ = [
    "kafka",
    # polepos:integration-exports
]
# output
"""Integrations; `__all__` lists every integration PolePosition manages."""

__all__ = [
    "kafka",
    "redis",
    # polepos:integration-exports
]
