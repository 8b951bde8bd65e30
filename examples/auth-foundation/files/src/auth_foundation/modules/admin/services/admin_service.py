"""Use cases of the admin module, free of HTTP concerns."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth_foundation.modules.admin.schemas import UserDirectory
from auth_foundation.modules.auth.model import AuthUser
from auth_foundation.modules.auth.schemas import UserRead


class AdminService:
    """Read across tenants; the router lets only administrators call it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def user_directory(self) -> UserDirectory:
        """Every user, in id order, with the tenant each one's token carries."""
        users = self.session.scalars(select(AuthUser).order_by(AuthUser.id)).all()
        items = [UserRead.model_validate(user) for user in users]
        return UserDirectory(items=items, total=len(items))
