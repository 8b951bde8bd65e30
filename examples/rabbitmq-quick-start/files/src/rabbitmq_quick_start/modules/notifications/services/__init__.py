"""Use cases of the notifications module."""

from .notifications_service import (
    EventPublisher,
    NotificationService,
    notification_of,
)

__all__ = ["EventPublisher", "NotificationService", "notification_of"]
