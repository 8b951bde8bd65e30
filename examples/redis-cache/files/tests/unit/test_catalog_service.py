"""Unit tests of the catalog service with the in-memory Redis double.

`InMemoryRedisClient` takes a clock, so the TTL can run out without sleeping.
"""

from sqlalchemy.orm import Session

from redis_cache.integrations.redis import InMemoryRedisClient, RedisCache
from redis_cache.modules.catalog.services import (
    STATS_TTL_SECONDS,
    CatalogService,
)
from redis_cache.modules.products.model import Product


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hit_until_the_ttl_runs_out(db_session: Session) -> None:
    clock = Clock()
    cache = RedisCache(InMemoryRedisClient(clock=clock), key_prefix="test:")
    service = CatalogService(db_session, cache)
    db_session.add(Product(name="kettle"))
    db_session.commit()

    stats, outcome = service.stats()
    assert (stats.product_count, outcome) == (1, "miss")

    db_session.add(Product(name="mug"))
    db_session.commit()
    clock.now += STATS_TTL_SECONDS - 1
    assert service.stats() == (stats, "hit")

    clock.now += 1
    fresh, outcome = service.stats()
    assert (fresh.product_count, outcome) == (2, "miss")


def test_without_a_cache_every_read_computes(db_session: Session) -> None:
    service = CatalogService(db_session, None)

    assert service.stats()[1] == "bypass"
    service.invalidate()
    assert service.stats()[0].product_count == 0
