"""Unit tests of the notifications service with the in-memory publisher."""

import asyncio

from rabbitmq_quick_start.integrations.rabbitmq import InMemoryRabbitMQEventPublisher
from rabbitmq_quick_start.modules.notifications.schemas import (
    NOTIFICATION_REQUESTED,
    NotificationCreate,
)
from rabbitmq_quick_start.modules.notifications.services import (
    NotificationService,
    notification_of,
)


def test_request_publishes_one_message() -> None:
    publisher = InMemoryRabbitMQEventPublisher(default_routing_key="notes")
    payload = NotificationCreate(recipient="alice", text="Hello")

    async def main() -> str:
        async with publisher:
            queued = await NotificationService(publisher).request(payload)
        return queued.id

    message_id = asyncio.run(main())

    [published] = publisher.published
    assert published.routing_key == "notes"
    assert published.message.id == message_id
    assert published.message.type == NOTIFICATION_REQUESTED
    assert notification_of(published.message) == payload
