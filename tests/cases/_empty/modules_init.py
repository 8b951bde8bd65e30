"""Feature modules; `__all__` lists every module PolePosition manages."""

__all__ = [
    # polepos:module-exports
]
