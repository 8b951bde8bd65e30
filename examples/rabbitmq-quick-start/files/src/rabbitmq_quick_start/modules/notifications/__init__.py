"""The notifications module: a route publishes to RabbitMQ, a worker consumes."""
