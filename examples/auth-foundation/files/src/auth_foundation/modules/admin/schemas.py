"""Response schemas of the admin module."""

from auth_foundation.modules.auth.schemas import UserRead
from pydantic import BaseModel


class UserDirectory(BaseModel):
    """Every user of every tenant: what only an administrator may see."""

    items: list[UserRead]
    total: int
