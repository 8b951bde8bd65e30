"""Unit tests of the board service and the form parser."""

from sqlalchemy.orm import Session

from html_swap.modules.board.schemas import TodoForm
from html_swap.modules.board.services import BoardService, parse_form


def test_parse_form_reads_urlencoded_fields() -> None:
    assert parse_form(b"name=Buy+milk%21&extra=1") == TodoForm(name="Buy milk!")
    assert parse_form(b"name=a&name=b").name == "b"
    assert parse_form(b"").name == ""


def test_add_and_remove(db_session: Session) -> None:
    service = BoardService(db_session)

    assert service.add(TodoForm(name="Buy milk")) is None
    [todo] = service.list_todos()
    assert todo.name == "Buy milk"

    service.remove(todo.id)
    assert service.list_todos() == []


def test_an_invalid_name_is_an_error_message(db_session: Session) -> None:
    service = BoardService(db_session)

    for name in ("", "   ", "x" * 201):
        assert service.add(TodoForm(name=name)) is not None
    assert service.list_todos() == []
