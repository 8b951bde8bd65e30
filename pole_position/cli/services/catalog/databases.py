"""The database modes a new project can start with."""

from __future__ import annotations

import enum


class Database(enum.StrEnum):
    """The database modes `polepos start --db` accepts."""

    sqlite = "sqlite"
    postgres = "postgres"
    none = "none"
