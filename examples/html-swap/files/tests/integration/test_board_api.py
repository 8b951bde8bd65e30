"""The board's HTML: the full page, and the fragments its form and buttons swap in."""

import re

from fastapi.testclient import TestClient

PAGE = "/api/v1/board/"
TODOS = "/api/v1/board/todos"
JSON_API = "/api/v1/todos/"


def names(html: str) -> list[str]:
    """The todo names in a page or fragment, in order."""
    return re.findall(r'<span class="name">([^<]*)</span>', html)


def add(client: TestClient, name: str) -> str:
    # A plain form post: application/x-www-form-urlencoded, as browsers send it.
    response = client.post(TODOS, data={"name": name})
    assert response.status_code == 200, response.text
    return response.text


def test_the_page_has_the_form_and_the_list(client: TestClient) -> None:
    response = client.get(PAGE)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert html.startswith("<!doctype html>")
    assert 'hx-post="http://testserver/api/v1/board/todos"' in html
    assert 'hx-target="#todo-list" hx-swap="outerHTML"' in html
    assert '<ul id="todo-list">' in html
    assert "Nothing to do." in html


def test_posting_the_form_answers_the_list_fragment(client: TestClient) -> None:
    add(client, "Buy milk")
    fragment = add(client, "Water the plants")

    # Only the element to replace: no page around it.
    assert fragment.startswith('<ul id="todo-list">')
    assert fragment.rstrip().endswith("</ul>")
    assert "<html" not in fragment
    assert names(fragment) == ["Buy milk", "Water the plants"]
    # The rows are the todos module's: its JSON API sees them too.
    listed = client.get(JSON_API).json()
    assert [todo["name"] for todo in listed] == ["Buy milk", "Water the plants"]
    assert names(client.get(PAGE).text) == ["Buy milk", "Water the plants"]


def test_a_row_button_deletes_and_answers_the_list(client: TestClient) -> None:
    add(client, "Buy milk")
    add(client, "Water the plants")
    milk = client.get(JSON_API).json()[0]
    button = f'hx-delete="http://testserver{TODOS}/{milk["id"]}"'
    assert button in client.get(PAGE).text

    response = client.delete(f"{TODOS}/{milk['id']}")

    assert response.status_code == 200
    assert names(response.text) == ["Water the plants"]
    assert client.delete(f"{TODOS}/{milk['id']}").status_code == 404


def test_an_empty_name_answers_the_list_with_an_error(client: TestClient) -> None:
    add(client, "Buy milk")

    response = client.post(TODOS, data={"name": "   "})

    assert response.status_code == 422
    assert response.text.startswith('<ul id="todo-list">')
    assert 'class="error" role="alert"' in response.text
    assert names(response.text) == ["Buy milk"]


def test_user_input_is_escaped(client: TestClient) -> None:
    fragment = add(client, "<script>alert(1)</script> & more")

    assert "<script>alert" not in fragment
    assert names(fragment) == ["&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"]
