"""Integrations; `__all__` lists every integration PolePosition manages."""

__all__ = [
    # polepos:integration-exports
]
