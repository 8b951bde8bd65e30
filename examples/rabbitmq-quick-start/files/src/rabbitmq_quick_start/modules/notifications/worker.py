"""The notifications worker: an explicit process that consumes the queue.

    python -m rabbitmq_quick_start.modules.notifications.worker

It declares `RABBITMQ_DEFAULT_QUEUE`, binds it to `RABBITMQ_EXCHANGE` with
`RABBITMQ_DEFAULT_ROUTING_KEY` and delivers every notification published there.
The web app never runs it.
"""

import asyncio

from rabbitmq_quick_start.bootstrap.logging import get_logger, setup_logging
from rabbitmq_quick_start.integrations.rabbitmq import (
    RabbitMQMessage,
    build_rabbitmq_queue,
    consume_rabbitmq_messages,
)
from rabbitmq_quick_start.integrations.rabbitmq.consumer import MessageHandler
from rabbitmq_quick_start.modules.notifications.services import notification_of
from rabbitmq_quick_start.settings import get_settings

logger = get_logger(__name__)


async def deliver(message: RabbitMQMessage) -> None:
    """Deliver one notification (here: log it; send an email or a push instead)."""
    notification = notification_of(message)
    logger.info("Notify %s: %s", notification.recipient, notification.text)


async def run_worker(
    handler: MessageHandler = deliver, *, max_messages: int | None = None
) -> int:
    """Consume until cancelled, or until `max_messages` are handled."""
    connection, queue = await build_rabbitmq_queue()
    async with connection:
        return await consume_rabbitmq_messages(
            queue, handler, max_messages=max_messages
        )


def main() -> None:
    setup_logging(get_settings())
    asyncio.run(run_worker())


if __name__ == "__main__":
    main()
