"""Response schemas of the catalog module."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

# hit: read from Redis; miss: computed and stored; bypass: Redis is off.
CacheOutcome = Literal["hit", "miss", "bypass"]


class CatalogStats(BaseModel):
    """Figures about the products table, as of `computed_at`."""

    product_count: int
    described_count: int
    computed_at: datetime
