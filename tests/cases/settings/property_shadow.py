# args: {"path": "src/shop_api/settings.py", "marker": "integration-settings", "fields": [["redis_enabled", "bool", "False"], ["redis_url", "str", "\"redis://localhost:6379/0\""]], "header": "Redis: polepos add integration redis", "_refuse": "PP270", "_line": 7}
class Settings(BaseSettings):
    redis_host: str = "localhost"

    # polepos:integration-settings

    @property
    def redis_url(self) -> str:
        return f"redis://{self.redis_host}:6379/0"
