# args: {"path": "app/core/config.py", "marker": "# polepos:integration-settings", "fields": [["kafka_enabled", "bool", "False"], ["kafka_acks", "Literal[\"0\", \"1\", \"all\"]", "\"all\""]], "header": "# Kafka: polepos add integration kafka", "imports": [["typing", "Literal"]]}
"""`import typing` binds no bare `Literal`: isort puts the from-import below it."""

import typing

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    PROJECT_NAME: str = "Fullstack"

    # polepos:auth-settings

    # polepos:llm-settings

    # polepos:integration-settings


settings = Settings()
# output
"""`import typing` binds no bare `Literal`: isort puts the from-import below it."""

import typing
from typing import Literal

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    PROJECT_NAME: str = "Fullstack"

    # polepos:auth-settings

    # polepos:llm-settings

    # Kafka: polepos add integration kafka
    kafka_enabled: bool = False
    kafka_acks: Literal["0", "1", "all"] = "all"
    # polepos:integration-settings


settings = Settings()
