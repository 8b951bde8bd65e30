"""The auth foundation walk-through: two real users, one tenant-scoped module.

Alice and Bob register and log in with `/auth/register` and `/auth/token`. Each
login returns a token carrying the user's personal tenant (`user:<id>`), so the
tenant-scoped `notes` module keeps their notes apart. Then an administrator
grants Alice the `admin` role in the database: her next token opens the
admin-only `/admin/users` route, which Bob still cannot call.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from auth_foundation.modules.auth.model import AuthUser

AUTH = "/api/v1/auth"
NOTES = "/api/v1/notes/"
ADMIN_USERS = "/api/v1/admin/users"
PASSWORD = "correct horse battery staple"

Headers = dict[str, str]


def register(client: TestClient, email: str) -> dict[str, Any]:
    response = client.post(
        f"{AUTH}/register", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 201, response.text
    user: dict[str, Any] = response.json()
    return user


def log_in(client: TestClient, email: str) -> Headers:
    response = client.post(f"{AUTH}/token", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def create_note(client: TestClient, headers: Headers, name: str) -> dict[str, Any]:
    response = client.post(NOTES, json={"name": name}, headers=headers)
    assert response.status_code == 201, response.text
    note: dict[str, Any] = response.json()
    return note


def note_names(client: TestClient, headers: Headers) -> list[str]:
    response = client.get(NOTES, headers=headers)
    assert response.status_code == 200, response.text
    return [note["name"] for note in response.json()]


@pytest.fixture
def alice(client: TestClient) -> dict[str, Any]:
    return register(client, "alice@example.com")


@pytest.fixture
def bob(client: TestClient) -> dict[str, Any]:
    return register(client, "bob@example.com")


def test_each_user_gets_a_personal_tenant(
    client: TestClient, alice: dict[str, Any], bob: dict[str, Any]
) -> None:
    assert alice["tenant_id"] == f"user:{alice['id']}"
    assert bob["tenant_id"] == f"user:{bob['id']}"

    me = client.get(f"{AUTH}/me", headers=log_in(client, "alice@example.com"))

    assert me.status_code == 200
    assert me.json()["email"] == "alice@example.com"


def test_tenants_are_isolated(
    client: TestClient, alice: dict[str, Any], bob: dict[str, Any]
) -> None:
    as_alice = log_in(client, "alice@example.com")
    as_bob = log_in(client, "bob@example.com")
    secret = create_note(client, as_alice, "alice's plans")
    create_note(client, as_bob, "bob's list")

    assert note_names(client, as_alice) == ["alice's plans"]
    assert note_names(client, as_bob) == ["bob's list"]
    # Another tenant's row does not exist, as far as Bob can tell.
    secret_url = f"{NOTES}{secret['id']}"
    assert client.get(secret_url, headers=as_bob).status_code == 404
    renamed = client.patch(secret_url, json={"name": "mine"}, headers=as_bob)
    assert renamed.status_code == 404
    assert client.delete(secret_url, headers=as_bob).status_code == 404
    # A client cannot pick a tenant: the field is refused, not ignored.
    smuggled = {"name": "x", "tenant_id": alice["tenant_id"]}
    assert client.post(NOTES, json=smuggled, headers=as_bob).status_code == 422
    assert client.get(secret_url, headers=as_alice).json()["name"] == "alice's plans"
    assert client.get(NOTES).status_code == 401


def test_only_admins_reach_the_admin_route(
    client: TestClient,
    db_session: Session,
    alice: dict[str, Any],
    bob: dict[str, Any],
) -> None:
    before = log_in(client, "alice@example.com")
    assert client.get(ADMIN_USERS, headers=before).status_code == 403

    # Roles are granted in the database, never through the API.
    row = db_session.get(AuthUser, alice["id"])
    assert row is not None
    row.roles = "admin"
    db_session.commit()

    # A token already issued keeps its claims; the next login carries the role.
    assert client.get(ADMIN_USERS, headers=before).status_code == 403
    as_admin = log_in(client, "alice@example.com")
    response = client.get(ADMIN_USERS, headers=as_admin)

    assert response.status_code == 200
    directory = response.json()
    assert directory["total"] == 2
    assert [user["email"] for user in directory["items"]] == [
        "alice@example.com",
        "bob@example.com",
    ]
    assert directory["items"][0]["roles"] == ["admin"]
    as_bob = log_in(client, "bob@example.com")
    assert client.get(ADMIN_USERS, headers=as_bob).status_code == 403
