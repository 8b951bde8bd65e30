"""Request and response schemas of the orders module."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The `type` of the event published for every order.
ORDER_PLACED = "order.placed"


class OrderCreate(BaseModel):
    """The body of `POST /orders/`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sku: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=1000)


class OrderAccepted(BaseModel):
    """The answer of `POST /orders/`: the new order id; the event is on its way."""

    order_id: str
    event_id: str
    status: Literal["accepted"] = "accepted"
