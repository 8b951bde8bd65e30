# args: {"package": "shop_api", "module": "users", "_refuse": "PP271", "_line": 6}
from shop_api.app import build

# polepos:router-imports

app = build()
# polepos:router-includes
