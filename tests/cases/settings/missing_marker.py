# args: {"path": "src/shop_api/settings.py", "marker": "# polepos:llm-settings", "fields": [["openai_api_key", "str", "\"\""]], "_error": "src/shop_api/settings.py: marker `# polepos:llm-settings` not found"}
class Settings(BaseSettings):
    debug: bool = False
