# args: {"path": "src/shop_api/settings.py", "marker": "# polepos:integration-settings", "fields": [["redis_enabled", "bool", "False"], ["redis_url", "str", "\"redis://localhost:6379/0\""]], "header": "# Redis: polepos add integration redis"}
class Settings(BaseSettings):
    """Settings."""

    access_token_expire_minutes: int = 30

    # polepos:auth-settings

    # polepos:llm-settings

    # polepos:integration-settings

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> "Settings":
        return self
# output
class Settings(BaseSettings):
    """Settings."""

    access_token_expire_minutes: int = 30

    # polepos:auth-settings

    # polepos:llm-settings

    # Redis: polepos add integration redis
    redis_enabled: bool = False
    redis_url: str = "redis://localhost:6379/0"
    # polepos:integration-settings

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> "Settings":
        return self
