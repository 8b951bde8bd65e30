"""Placing an order publishes `order.placed`, checked with the in-memory double.

No Kafka broker runs where these tests run, so the route's producer is replaced
by `InMemoryKafkaEventProducer` (through `app.dependency_overrides`), and the
consumer side reads the recorded events with `InMemoryKafkaConsumer`. Against a
real cluster, set KAFKA_ENABLED=true and KAFKA_BOOTSTRAP_SERVERS instead.
"""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kafka_quick_start.app import create_app
from kafka_quick_start.integrations.kafka import (
    InMemoryKafkaConsumer,
    InMemoryKafkaEventProducer,
    KafkaEvent,
    consume_json_messages,
)
from kafka_quick_start.modules.orders import router as orders_router
from kafka_quick_start.modules.orders.router import get_producer
from kafka_quick_start.modules.orders.schemas import ORDER_PLACED

URL = "/api/v1/orders/"
TOPIC = "kafka_quick_start.events"


@pytest.fixture
def producer(app: FastAPI) -> Iterator[InMemoryKafkaEventProducer]:
    """A started in-memory producer in place of the app's Kafka producer."""
    double = InMemoryKafkaEventProducer(default_topic=TOPIC)
    asyncio.run(double.start())
    app.dependency_overrides[get_producer] = lambda: double
    yield double
    app.dependency_overrides.pop(get_producer)


def test_placing_an_order_publishes_an_event(
    client: TestClient, producer: InMemoryKafkaEventProducer
) -> None:
    response = client.post(URL, json={"sku": "KETTLE-1", "quantity": 2})

    assert response.status_code == 202, response.text
    accepted = response.json()
    [published] = producer.published
    assert published.topic == TOPIC
    assert published.key == accepted["order_id"]
    assert published.event.id == accepted["event_id"]
    assert published.event.type == ORDER_PLACED
    assert published.event.payload == {
        "order_id": accepted["order_id"],
        "sku": "KETTLE-1",
        "quantity": 2,
    }


def test_a_consumer_reads_the_events_in_order(
    client: TestClient, producer: InMemoryKafkaEventProducer
) -> None:
    for quantity in (1, 2, 3):
        response = client.post(URL, json={"sku": "MUG", "quantity": quantity})
        assert response.status_code == 202
    consumer = InMemoryKafkaConsumer(producer.records(TOPIC))
    seen: list[KafkaEvent] = []

    async def handle(value: Any) -> None:
        seen.append(KafkaEvent.model_validate(value))

    handled = asyncio.run(consume_json_messages(consumer, handle))

    assert handled == 3
    assert consumer.commits == 3
    assert [event.payload["quantity"] for event in seen] == [1, 2, 3]
    assert seen == producer.events(TOPIC)


def test_invalid_orders_publish_nothing(
    client: TestClient, producer: InMemoryKafkaEventProducer
) -> None:
    for body in ({"sku": "MUG", "quantity": 0}, {"sku": "", "quantity": 1}, {}):
        assert client.post(URL, json=body).status_code == 422
    assert producer.published == []


def test_the_lifespan_starts_and_stops_one_shared_producer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    double = InMemoryKafkaEventProducer(default_topic=TOPIC)
    monkeypatch.setenv("KAFKA_ENABLED", "true")
    monkeypatch.setattr(
        orders_router, "build_kafka_event_producer", lambda settings: double
    )

    with TestClient(create_app()) as client:
        assert double.started
        for sku in ("A", "B"):
            response = client.post(URL, json={"sku": sku, "quantity": 1})
            assert response.status_code == 202, response.text

    assert not double.started
    assert [event.payload["sku"] for event in double.events()] == ["A", "B"]


def test_without_kafka_the_route_is_503(client: TestClient) -> None:
    # KAFKA_ENABLED is false by default: the lifespan started no producer.
    response = client.post(URL, json={"sku": "MUG", "quantity": 1})

    assert response.status_code == 503
    assert response.json()["detail"].startswith("Kafka is disabled")
