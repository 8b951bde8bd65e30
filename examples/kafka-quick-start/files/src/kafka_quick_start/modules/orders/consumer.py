"""The order events consumer: an explicit process, never run by the web app.

    python -m kafka_quick_start.modules.orders.consumer

It reads `KAFKA_DEFAULT_TOPIC` in the consumer group `KAFKA_GROUP_ID` and hands
every `order.placed` event to `fulfil`.
"""

import asyncio
from typing import Any

from kafka_quick_start.bootstrap.logging import get_logger, setup_logging
from kafka_quick_start.integrations.kafka import (
    KafkaEvent,
    build_kafka_consumer,
    consume_json_messages,
)
from kafka_quick_start.modules.orders.schemas import ORDER_PLACED
from kafka_quick_start.settings import get_settings

logger = get_logger(__name__)


async def fulfil(value: Any) -> None:
    """Handle one decoded record (here: log it; reserve stock, ship, ... instead)."""
    event = KafkaEvent.model_validate(value)
    if event.type != ORDER_PLACED:
        return
    logger.info(
        "Fulfilling order %s: %s x %s",
        event.payload["order_id"],
        event.payload["quantity"],
        event.payload["sku"],
    )


async def main() -> None:
    consumer = build_kafka_consumer()
    await consumer.start()
    try:
        await consume_json_messages(consumer, fulfil)
    finally:
        await consumer.stop()


if __name__ == "__main__":
    setup_logging(get_settings())
    asyncio.run(main())
