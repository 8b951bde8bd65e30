# args: {"package": "shop_api", "module": "users"}
from fastapi import APIRouter
# polepos:router-imports
api_router=APIRouter( )


# polepos:router-includes
print( 'done' )
# output
from fastapi import APIRouter
from shop_api.modules.users.router import router as users_router

# polepos:router-imports
api_router=APIRouter( )


api_router.include_router(users_router, prefix="/users", tags=["users"])
# polepos:router-includes
print( 'done' )
