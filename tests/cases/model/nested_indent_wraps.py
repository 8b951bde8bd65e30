# args: {"package": "shop_api", "module": "inventory_snapshots"}
class Registry:
    """Fits 88 columns at 4 spaces of indentation, not at 8: wrapped here."""

    def import_models(self) -> None:
        """Import every module's models so `Base.metadata` knows all tables."""
        # polepos:model-imports
# output
class Registry:
    """Fits 88 columns at 4 spaces of indentation, not at 8: wrapped here."""

    def import_models(self) -> None:
        """Import every module's models so `Base.metadata` knows all tables."""
        from shop_api.modules.inventory_snapshots import (
            model as inventory_snapshots_model,
        )

        # polepos:model-imports
