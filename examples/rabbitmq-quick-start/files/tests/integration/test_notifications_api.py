"""Publish through the API, consume with the worker: against a real RabbitMQ.

Needs the broker at RABBITMQ_URL (default amqp://guest:guest@127.0.0.1:5672/): the
test fails, rather than skips, when it does not answer, because a real round trip
is the point of this example. Every test uses its own exchange and queue and
deletes them afterwards.
"""

import asyncio
import os
import uuid
from collections.abc import Iterator

import aio_pika
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rabbitmq_quick_start.app import create_app
from rabbitmq_quick_start.integrations.rabbitmq import (
    RabbitMQMessage,
    build_rabbitmq_queue,
)
from rabbitmq_quick_start.modules.notifications.schemas import (
    NOTIFICATION_REQUESTED,
    NotificationCreate,
)
from rabbitmq_quick_start.modules.notifications.services import notification_of
from rabbitmq_quick_start.modules.notifications.worker import run_worker

RABBITMQ_URL = os.environ.get("RABBITMQ_URL") or "amqp://guest:guest@127.0.0.1:5672/"
URL = "/api/v1/notifications/"


async def declare_queue() -> None:
    """Declare and bind the worker's queue now, so no message published is lost."""
    connection, _ = await build_rabbitmq_queue()
    await connection.close()


async def delete_queue_and_exchange(name: str) -> None:
    async with await aio_pika.connect(RABBITMQ_URL, timeout=5) as connection:
        channel = await connection.channel()
        await channel.queue_delete(f"{name}.queue")
        await channel.exchange_delete(f"{name}.events")


@pytest.fixture
def broker(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """RabbitMQ on, with a unique exchange, routing key and queue; yields the name."""
    name = f"example-{uuid.uuid4().hex}"
    monkeypatch.setenv("RABBITMQ_ENABLED", "true")
    monkeypatch.setenv("RABBITMQ_URL", RABBITMQ_URL)
    monkeypatch.setenv("RABBITMQ_EXCHANGE", f"{name}.events")
    monkeypatch.setenv("RABBITMQ_DEFAULT_ROUTING_KEY", f"{name}.notification")
    monkeypatch.setenv("RABBITMQ_DEFAULT_QUEUE", f"{name}.queue")
    try:
        asyncio.run(declare_queue())
    except Exception as error:  # any failure to connect is reported as is
        pytest.fail(f"no RabbitMQ broker at RABBITMQ_URL={RABBITMQ_URL}: {error!r}")
    try:
        yield name
    finally:
        asyncio.run(delete_queue_and_exchange(name))


@pytest.fixture
def app(broker: str) -> FastAPI:
    """The app, built after RabbitMQ is turned on."""
    return create_app()


def consume(count: int) -> list[RabbitMQMessage]:
    """Run the worker until it has handled `count` messages (15 s at most)."""
    received: list[RabbitMQMessage] = []

    async def handle(message: RabbitMQMessage) -> None:
        received.append(message)

    async def main() -> int:
        async with asyncio.timeout(15):
            return await run_worker(handle, max_messages=count)

    assert asyncio.run(main()) == count
    return received


def test_a_posted_notification_reaches_the_worker(client: TestClient) -> None:
    body = {"recipient": "alice@example.com", "text": "Your order has shipped"}

    response = client.post(URL, json=body)

    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    [message] = consume(1)
    assert message.id == response.json()["id"]
    assert message.type == NOTIFICATION_REQUESTED
    assert notification_of(message) == NotificationCreate(**body)


def test_messages_arrive_in_order(client: TestClient) -> None:
    ids = [
        client.post(URL, json={"recipient": "bob", "text": f"#{n}"}).json()["id"]
        for n in range(3)
    ]

    received = consume(3)

    assert [message.id for message in received] == ids
    assert [notification_of(m).text for m in received] == ["#0", "#1", "#2"]


def test_without_rabbitmq_the_route_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RABBITMQ_ENABLED", "false")

    with TestClient(create_app()) as client:
        response = client.post(URL, json={"recipient": "bob", "text": "hi"})

    assert response.status_code == 503
    assert response.json()["detail"].startswith("RabbitMQ is disabled")
