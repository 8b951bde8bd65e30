"""Unit tests of the orders service and the consumer's handler (no broker)."""

import asyncio
import logging

import pytest

from kafka_quick_start.integrations.kafka import InMemoryKafkaEventProducer
from kafka_quick_start.modules.orders.consumer import fulfil
from kafka_quick_start.modules.orders.schemas import ORDER_PLACED, OrderCreate
from kafka_quick_start.modules.orders.services import OrderService


def test_place_publishes_one_event_keyed_by_the_order() -> None:
    producer = InMemoryKafkaEventProducer(default_topic="orders")

    async def main() -> str:
        await producer.start()
        accepted = await OrderService(producer).place(OrderCreate(sku="A", quantity=1))
        return accepted.order_id

    order_id = asyncio.run(main())

    [published] = producer.published
    assert (published.topic, published.key) == ("orders", order_id)
    assert published.event.type == ORDER_PLACED


def test_fulfil_logs_placed_orders(caplog: pytest.LogCaptureFixture) -> None:
    event = {
        "type": ORDER_PLACED,
        "payload": {"order_id": "o-1", "sku": "MUG", "quantity": 3},
    }

    with caplog.at_level(logging.INFO):
        asyncio.run(fulfil(event))
        asyncio.run(fulfil({"type": "order.cancelled", "payload": {}}))

    assert [record.getMessage() for record in caplog.records] == [
        "Fulfilling order o-1: 3 x MUG"
    ]
