"""HTTP routes, mounted under `/notifications` by `api/router.py`.

`POST /` publishes the notification to RabbitMQ and answers 202 with the
message id; 503 while RabbitMQ is off (`RABBITMQ_ENABLED=false`, the default).
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status

from rabbitmq_quick_start.api.deps import SettingsDep
from rabbitmq_quick_start.integrations.rabbitmq import (
    RabbitMQNotEnabledError,
    build_rabbitmq_event_publisher,
)
from rabbitmq_quick_start.modules.notifications.schemas import (
    NotificationCreate,
    NotificationQueued,
)
from rabbitmq_quick_start.modules.notifications.services import (
    EventPublisher,
    NotificationService,
)

router = APIRouter()


async def get_publisher(settings: SettingsDep) -> AsyncIterator[EventPublisher]:
    """A started publisher for this request (tests may override it).

    One connection per request keeps the example short; a busy service starts a
    single publisher in the app's lifespan and shares it.
    """
    try:
        publisher = build_rabbitmq_event_publisher(settings)
    except RabbitMQNotEnabledError as exc:
        raise HTTPException(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(exc)
        ) from exc
    async with publisher:
        yield publisher


def get_service(
    publisher: Annotated[EventPublisher, Depends(get_publisher)],
) -> NotificationService:
    """A notification service over the request's publisher."""
    return NotificationService(publisher)


ServiceDep = Annotated[NotificationService, Depends(get_service)]


@router.post(
    "/",
    status_code=status.HTTP_202_ACCEPTED,
    responses={503: {"description": "RabbitMQ is not enabled"}},
)
async def request_notification(
    payload: NotificationCreate, service: ServiceDep
) -> NotificationQueued:
    """Queue a notification; the worker delivers it."""
    return await service.request(payload)
