"""Response schemas of the admin module."""

from pydantic import BaseModel

from auth_foundation.modules.auth.schemas import UserRead


class UserDirectory(BaseModel):
    """Every user of every tenant: what only an administrator may see."""

    items: list[UserRead]
    total: int
