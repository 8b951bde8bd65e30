# args: {"path": "src/shop_api/settings.py", "marker": "# polepos:llm-settings", "fields": [["openai_api_key", "str", "\"\""]], "header": "# OpenAI: polepos add integration openai"}
class Settings(BaseSettings):
    debug: bool = False
    # polepos:llm-settings


def get_settings() -> Settings:
    return Settings()
# output
class Settings(BaseSettings):
    debug: bool = False
    # OpenAI: polepos add integration openai
    openai_api_key: str = ""
    # polepos:llm-settings


def get_settings() -> Settings:
    return Settings()
