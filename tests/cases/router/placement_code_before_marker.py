# args: {"package": "shop_api", "module": "users", "_refuse": "PP272", "_line": 5}
from fastapi import APIRouter

TAGS = ["v1"]

# polepos:router-imports

api_router = APIRouter(tags=TAGS)

# polepos:router-includes
