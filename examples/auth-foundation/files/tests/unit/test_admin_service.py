"""Unit tests of the admin service, on the test database."""

from sqlalchemy.orm import Session

from auth_foundation.modules.admin.services import AdminService
from auth_foundation.modules.auth.model import AuthUser


def test_the_directory_lists_every_tenant_in_id_order(db_session: Session) -> None:
    first = AuthUser(email="first@example.com", password_hash="x")
    second = AuthUser(email="second@example.com", password_hash="x", tenant_id="acme")
    db_session.add_all([first, second])
    db_session.commit()

    directory = AdminService(db_session).user_directory()

    assert directory.total == 2
    assert [user.email for user in directory.items] == [
        "first@example.com",
        "second@example.com",
    ]
    assert [user.tenant_id for user in directory.items] == [
        f"user:{first.id}",
        "acme",
    ]
