"""The end-to-end fixtures, shared with tests/e2e (one runtime environment)."""

from tests.e2e.conftest import postgres_database, runtime_env  # noqa: F401
