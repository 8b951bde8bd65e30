# args: {"path": "src/shop_api/settings.py", "marker": "integration-settings", "fields": [["kafka_bootstrap_servers", "str", "\"localhost:9092\""]], "header": "Kafka: polepos add integration kafka"}
class Settings(BaseSettings):
    # polepos:llm-settings

    # Redis: polepos add integration redis
    redis_enabled: bool = False
    redis_url: str = "redis://localhost:6379/0"
    # polepos:integration-settings
# output
class Settings(BaseSettings):
    # polepos:llm-settings

    # Redis: polepos add integration redis
    redis_enabled: bool = False
    redis_url: str = "redis://localhost:6379/0"
    # Kafka: polepos add integration kafka
    kafka_bootstrap_servers: str = "localhost:9092"
    # polepos:integration-settings
