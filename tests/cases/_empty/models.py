"""Model aggregation: importing every module's models registers their tables."""


def import_models() -> None:
    """Import every module's models so `Base.metadata` knows all tables."""
    # polepos:model-imports
