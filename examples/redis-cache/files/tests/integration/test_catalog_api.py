"""Catalog statistics cached in a real Redis server, with a TTL.

Needs the Redis server at REDIS_URL (default redis://127.0.0.1:6379/0): the test
fails, rather than skips, when it does not answer, because talking to a real
Redis is the point of this example. Every test uses its own key prefix and
deletes its keys afterwards.
"""

import os
import uuid
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from redis.exceptions import RedisError

from redis_cache.app import create_app
from redis_cache.integrations.redis import RedisCache, build_redis_cache
from redis_cache.modules.catalog.services import STATS_KEY, STATS_TTL_SECONDS

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
STATS = "/api/v1/catalog/stats"
PRODUCTS = "/api/v1/products/"


@pytest.fixture
def redis_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[RedisCache]:
    """Turn Redis on under a unique key prefix; yield a cache on the same keys."""
    monkeypatch.setenv("REDIS_ENABLED", "true")
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("REDIS_KEY_PREFIX", f"example-{uuid.uuid4().hex}:")
    cache = build_redis_cache()
    try:
        cache.client.ping()
    except RedisError as error:
        cache.close()
        pytest.fail(f"no Redis server at REDIS_URL={REDIS_URL}: {error}")
    try:
        yield cache
    finally:
        cache.delete(STATS_KEY)
        cache.close()


@pytest.fixture
def app(redis_cache: RedisCache) -> FastAPI:
    """The app, built after Redis is turned on."""
    return create_app()


def add_product(client: TestClient, name: str, description: str | None = None) -> None:
    response = client.post(PRODUCTS, json={"name": name, "description": description})
    assert response.status_code == 201, response.text


def test_a_second_read_is_a_cache_hit(
    client: TestClient, redis_cache: RedisCache
) -> None:
    add_product(client, "kettle", "1.7 l")
    add_product(client, "teapot")

    first = client.get(STATS)

    assert first.status_code == 200
    assert first.headers["x-cache"] == "miss"
    assert first.json()["product_count"] == 2
    assert first.json()["described_count"] == 1
    # The value is in Redis, as JSON, and expires on its own.
    assert redis_cache.get_text(STATS_KEY) is not None
    ttl = redis_cache.ttl(STATS_KEY)
    assert ttl is not None
    assert 0 < ttl <= STATS_TTL_SECONDS

    add_product(client, "mug")
    second = client.get(STATS)

    # Served from Redis: the new product is not counted until the entry expires.
    assert second.headers["x-cache"] == "hit"
    assert second.json() == first.json()


def test_invalidation_recomputes(client: TestClient, redis_cache: RedisCache) -> None:
    add_product(client, "kettle")
    assert client.get(STATS).headers["x-cache"] == "miss"
    add_product(client, "mug")

    assert client.delete(f"{STATS}/cache").status_code == 204
    fresh = client.get(STATS)

    assert fresh.headers["x-cache"] == "miss"
    assert fresh.json()["product_count"] == 2
    assert client.get(STATS).headers["x-cache"] == "hit"


def test_without_redis_every_read_computes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_ENABLED", "false")
    with TestClient(create_app()) as uncached:
        add_product(uncached, "kettle")
        first = uncached.get(STATS)
        add_product(uncached, "mug")
        second = uncached.get(STATS)

    assert [first.headers["x-cache"], second.headers["x-cache"]] == ["bypass"] * 2
    assert [first.json()["product_count"], second.json()["product_count"]] == [1, 2]
