"""Request and response schemas of the notifications module."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The `type` of every message this module publishes.
NOTIFICATION_REQUESTED = "notification.requested"


class NotificationCreate(BaseModel):
    """The body of `POST /notifications/`: who to tell what."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    recipient: str = Field(min_length=1, max_length=320)
    text: str = Field(min_length=1, max_length=2000)


class NotificationQueued(BaseModel):
    """The answer of `POST /notifications/`: the id of the published message."""

    id: str
    status: Literal["queued"] = "queued"
