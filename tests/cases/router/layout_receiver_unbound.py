# args: {"package": "app", "module": "users", "path": "app/api/main.py", "router_name": "api_router", "modules_package": "app.modules", "_refuse": "PP271", "_line": 8}
"""The layout names a receiver this file never binds: refused, not guessed."""

from fastapi import APIRouter

# polepos:router-imports

router = APIRouter()
# polepos:router-includes
