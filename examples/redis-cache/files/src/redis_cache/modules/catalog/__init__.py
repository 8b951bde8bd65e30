"""The catalog module: product statistics from the database, cached in Redis."""
