# args: {"package": "shop_api", "module": "users", "_error": "appears 2 times (lines 3, 7)"}
from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()

# polepos:router-imports
# polepos:router-includes
