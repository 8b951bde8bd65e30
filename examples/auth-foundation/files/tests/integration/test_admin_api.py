"""The admin-only route: `require_roles("admin")` on the whole admin router."""

from collections.abc import Callable

from fastapi.testclient import TestClient

URL = "/api/v1/admin/users"

AuthHeaders = Callable[..., dict[str, str]]


def test_without_a_token_is_401(client: TestClient) -> None:
    assert client.get(URL).status_code == 401
    invalid = client.get(URL, headers={"Authorization": "Bearer not-a-jwt"})
    assert invalid.status_code == 401


def test_without_the_admin_role_is_403(
    client: TestClient, auth_headers: AuthHeaders
) -> None:
    for roles in ([], ["staff"]):
        response = client.get(URL, headers=auth_headers("alice", roles=roles))

        assert response.status_code == 403
        assert response.json() == {"detail": "Not enough permissions"}


def test_with_the_admin_role_is_200(
    client: TestClient, auth_headers: AuthHeaders
) -> None:
    response = client.get(URL, headers=auth_headers("root", roles=["admin"]))

    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 0}
