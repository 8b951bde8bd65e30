"""Use cases of the orders module, free of HTTP and Kafka details."""

from typing import Protocol
from uuid import uuid4

from kafka_quick_start.integrations.kafka import KafkaEvent
from kafka_quick_start.modules.orders.schemas import (
    ORDER_PLACED,
    OrderAccepted,
    OrderCreate,
)


class EventProducer(Protocol):
    """`KafkaEventProducer` and `InMemoryKafkaEventProducer` both fit."""

    async def publish(
        self, event: KafkaEvent, *, topic: str | None = None, key: str | None = None
    ) -> None: ...


class OrderService:
    """Accept orders; whatever fulfils them listens to `order.placed`."""

    def __init__(self, producer: EventProducer) -> None:
        self.producer = producer

    async def place(self, payload: OrderCreate) -> OrderAccepted:
        """Publish `order.placed` keyed by the order id (one partition per order)."""
        order_id = uuid4().hex
        event = KafkaEvent(
            type=ORDER_PLACED, payload={"order_id": order_id, **payload.model_dump()}
        )
        await self.producer.publish(event, key=order_id)
        return OrderAccepted(order_id=order_id, event_id=event.id)
