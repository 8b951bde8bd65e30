# args: {"path": "src/shop_api/settings.py", "marker": "# polepos:auth-settings", "fields": [["auth_token_issuer", "str", "\"shop-api\""], ["auth_refresh_days", "int", "14"], ["auth_audience", "str | None", null]]}
class Settings(BaseSettings):
    access_token_expire_minutes: int = 30

    # polepos:auth-settings

    # polepos:llm-settings
# output
class Settings(BaseSettings):
    access_token_expire_minutes: int = 30

    auth_token_issuer: str = "shop-api"
    auth_refresh_days: int = 14
    auth_audience: str | None
    # polepos:auth-settings

    # polepos:llm-settings
