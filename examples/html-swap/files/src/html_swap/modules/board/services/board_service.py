"""Use cases of the board module: the todos, as the HTML views need them.

The rows belong to the `todos` module; the board only reads and changes them
through its service, so the JSON API and the HTML views always agree.
"""

from urllib.parse import parse_qs

from pydantic import ValidationError
from sqlalchemy.orm import Session

from html_swap.modules.board.schemas import TodoForm
from html_swap.modules.todos.schemas import TodoCreate, TodoRead
from html_swap.modules.todos.services import TodoService


def parse_form(body: bytes) -> TodoForm:
    """An `application/x-www-form-urlencoded` body (what a plain form posts).

    Reading it here spares the `python-multipart` dependency that FastAPI's
    `Form()` needs; the last value wins when a field repeats.
    """
    fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    return TodoForm.model_validate({key: values[-1] for key, values in fields.items()})


class BoardService:
    """List, add and remove todos for the board's views."""

    def __init__(self, session: Session) -> None:
        self.todos = TodoService(session)

    def list_todos(self) -> list[TodoRead]:
        return self.todos.list_items()

    def add(self, form: TodoForm) -> str | None:
        """Add a todo from the form; the error to show when the input is invalid."""
        try:
            payload = TodoCreate(name=form.name)
        except ValidationError:
            return "Give the todo a name of at most 200 characters."
        self.todos.create(payload)
        return None

    def remove(self, item_id: int) -> None:
        """Delete a todo (404 when it does not exist)."""
        self.todos.delete(item_id)
