"""Catalog statistics: a database query whose result is cached in Redis.

Read-through caching: a read looks in Redis first (a hit); on a miss it runs the
query and stores the JSON result for `STATS_TTL_SECONDS`, after which Redis
drops it and the next read computes afresh. Writers that must show up at once
call `invalidate()`.
"""

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redis_cache.integrations.redis import RedisCache
from redis_cache.modules.catalog.schemas import CacheOutcome, CatalogStats
from redis_cache.modules.products.model import Product

# The key inside the cache; `RedisCache` puts REDIS_KEY_PREFIX in front.
STATS_KEY = "catalog:stats"
STATS_TTL_SECONDS = 30


class CatalogService:
    """Compute catalog statistics, through the cache when there is one."""

    def __init__(self, session: Session, cache: RedisCache | None) -> None:
        self.session = session
        self.cache = cache

    def stats(self) -> tuple[CatalogStats, CacheOutcome]:
        """The statistics and where they came from."""
        if self.cache is None:
            return self._compute(), "bypass"
        cached = self.cache.get_text(STATS_KEY)
        if cached is not None:
            return CatalogStats.model_validate_json(cached), "hit"
        stats = self._compute()
        self.cache.set_text(STATS_KEY, stats.model_dump_json(), ttl=STATS_TTL_SECONDS)
        return stats, "miss"

    def invalidate(self) -> None:
        """Forget the cached statistics; the next read computes them."""
        if self.cache is not None:
            self.cache.delete(STATS_KEY)

    def _compute(self) -> CatalogStats:
        total = select(func.count()).select_from(Product)
        described = total.where(Product.description.is_not(None))
        return CatalogStats(
            product_count=self.session.scalar(total) or 0,
            described_count=self.session.scalar(described) or 0,
            computed_at=datetime.now(UTC),
        )
