# args: {"package": "shop_api", "module": "users", "_error": "src/shop_api/api/router.py: marker `# polepos:router-includes` not found"}
from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()
