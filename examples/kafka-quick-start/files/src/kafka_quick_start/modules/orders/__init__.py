"""The orders module: placing an order publishes an `order.placed` Kafka event."""
