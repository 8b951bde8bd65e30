"""Administrator routes, mounted under `/admin` by `api/router.py`.

Every route of this router needs a bearer token whose `roles` claim holds
`admin`: 401 without a valid token, 403 without the role. Roles are granted in
the database (`auth_users.roles`), never by an API caller, and reach the token
at the user's next login.
"""

from typing import Annotated

from fastapi import APIRouter, Depends

from auth_foundation.api.deps import SessionDep
from auth_foundation.auth import require_roles
from auth_foundation.modules.admin.schemas import UserDirectory
from auth_foundation.modules.admin.services import AdminService

router = APIRouter(dependencies=[Depends(require_roles("admin"))])


def get_service(session: SessionDep) -> AdminService:
    """An admin service for this request."""
    return AdminService(session)


ServiceDep = Annotated[AdminService, Depends(get_service)]


@router.get(
    "/users",
    responses={
        401: {"description": "Missing, invalid or expired credentials"},
        403: {"description": "The token does not hold the admin role"},
    },
)
def list_users(service: ServiceDep) -> UserDirectory:
    """Every user of every tenant (administrators only)."""
    return service.user_directory()
