"""HTTP routes, mounted under `/catalog` by `api/router.py`.

`GET /stats` answers the statistics with an `X-Cache` header: `hit` (from Redis),
`miss` (computed, now cached) or `bypass` (`REDIS_ENABLED=false`).
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from redis_cache.api.deps import SessionDep, SettingsDep
from redis_cache.integrations.redis import RedisCache, build_redis_cache
from redis_cache.modules.catalog.schemas import CatalogStats
from redis_cache.modules.catalog.services import CatalogService

router = APIRouter()


def get_cache(request: Request, settings: SettingsDep) -> RedisCache | None:
    """The app's Redis cache, built on first use; None when Redis is off."""
    if not settings.redis_enabled:
        return None
    cache: RedisCache | None = getattr(request.app.state, "redis_cache", None)
    if cache is None:
        # One client (and connection pool) per app, connecting lazily.
        cache = build_redis_cache(settings)
        request.app.state.redis_cache = cache
    return cache


def get_service(
    session: SessionDep,
    cache: Annotated[RedisCache | None, Depends(get_cache)],
) -> CatalogService:
    """A catalog service for this request."""
    return CatalogService(session, cache)


ServiceDep = Annotated[CatalogService, Depends(get_service)]


@router.get("/stats")
def read_stats(service: ServiceDep, response: Response) -> CatalogStats:
    """Product statistics, cached for `STATS_TTL_SECONDS`."""
    stats, outcome = service.stats()
    response.headers["X-Cache"] = outcome
    return stats


@router.delete("/stats/cache", status_code=status.HTTP_204_NO_CONTENT)
def invalidate_stats(service: ServiceDep) -> None:
    """Drop the cached statistics."""
    service.invalidate()
