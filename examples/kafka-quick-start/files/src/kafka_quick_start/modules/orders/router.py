"""HTTP routes, mounted under `/orders` by `api/router.py`.

The router's lifespan starts one Kafka producer for the app's lifetime when
`KAFKA_ENABLED=true`; `POST /` publishes through it, or answers 503 while Kafka
is off (the default).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, status

from kafka_quick_start.integrations.kafka import (
    KafkaNotEnabledError,
    build_kafka_event_producer,
)
from kafka_quick_start.modules.orders.schemas import OrderAccepted, OrderCreate
from kafka_quick_start.modules.orders.services import EventProducer, OrderService
from kafka_quick_start.settings import Settings


@asynccontextmanager
async def kafka_producer_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the shared producer at start-up, flush and stop it at shutdown."""
    settings: Settings = app.state.settings
    if not settings.kafka_enabled:
        yield
        return
    producer = build_kafka_event_producer(settings)
    await producer.start()
    app.state.kafka_producer = producer
    try:
        yield
    finally:
        del app.state.kafka_producer
        await producer.stop()


# FastAPI runs an included router's lifespan inside the app's own.
router = APIRouter(lifespan=kafka_producer_lifespan)


def get_producer(request: Request) -> EventProducer:
    """The app's producer (tests override this dependency); 503 without Kafka."""
    producer: EventProducer | None = getattr(request.app.state, "kafka_producer", None)
    if producer is None:
        raise HTTPException(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            detail=str(KafkaNotEnabledError()),
        )
    return producer


def get_service(
    producer: Annotated[EventProducer, Depends(get_producer)],
) -> OrderService:
    """An order service over the app's producer."""
    return OrderService(producer)


ServiceDep = Annotated[OrderService, Depends(get_service)]


@router.post(
    "/",
    status_code=status.HTTP_202_ACCEPTED,
    responses={503: {"description": "Kafka is not enabled"}},
)
async def place_order(payload: OrderCreate, service: ServiceDep) -> OrderAccepted:
    """Accept an order and publish `order.placed` to `KAFKA_DEFAULT_TOPIC`."""
    return await service.place(payload)
