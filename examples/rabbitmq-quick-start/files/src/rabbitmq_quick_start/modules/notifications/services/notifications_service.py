"""Use cases of the notifications module, free of HTTP and AMQP details."""

from typing import Protocol

from rabbitmq_quick_start.integrations.rabbitmq import RabbitMQMessage
from rabbitmq_quick_start.modules.notifications.schemas import (
    NOTIFICATION_REQUESTED,
    NotificationCreate,
    NotificationQueued,
)


class EventPublisher(Protocol):
    """`RabbitMQEventPublisher` and `InMemoryRabbitMQEventPublisher` both fit."""

    async def publish(
        self, message: RabbitMQMessage, *, routing_key: str | None = None
    ) -> None: ...


class NotificationService:
    """Queue notifications: the worker process delivers them."""

    def __init__(self, publisher: EventPublisher) -> None:
        self.publisher = publisher

    async def request(self, payload: NotificationCreate) -> NotificationQueued:
        """Publish a `notification.requested` message (default routing key)."""
        message = RabbitMQMessage(
            type=NOTIFICATION_REQUESTED, payload=payload.model_dump()
        )
        await self.publisher.publish(message)
        return NotificationQueued(id=message.id)


def notification_of(message: RabbitMQMessage) -> NotificationCreate:
    """The notification a consumed message asks for."""
    return NotificationCreate.model_validate(message.payload)
