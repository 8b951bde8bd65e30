"""The project's Python environment: finding it, syncing it, running Alembic."""
