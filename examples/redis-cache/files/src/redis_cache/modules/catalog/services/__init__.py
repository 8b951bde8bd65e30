"""Use cases of the catalog module."""

from .catalog_service import STATS_KEY, STATS_TTL_SECONDS, CatalogService

__all__ = ["STATS_KEY", "STATS_TTL_SECONDS", "CatalogService"]
