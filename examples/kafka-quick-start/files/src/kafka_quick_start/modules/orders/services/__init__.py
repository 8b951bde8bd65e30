"""Use cases of the orders module."""

from .orders_service import EventProducer, OrderService

__all__ = ["EventProducer", "OrderService"]
