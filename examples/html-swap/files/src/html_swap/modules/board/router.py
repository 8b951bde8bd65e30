"""HTML routes, mounted under `/board` by `api/router.py`.

- `GET /`: the whole page (Jinja2 template `board.html`).
- `POST /todos`: the add form posts here; the answer is the fragment
  `_todo_list.html`, which replaces `<ul id="todo-list">` in place (htmx
  `hx-swap="outerHTML"`), or 422 with the list and an error message.
- `DELETE /todos/{item_id}`: a row's button; answers the list fragment too.
"""

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from html_swap.api.deps import SessionDep
from html_swap.modules.board.schemas import TodoForm
from html_swap.modules.board.services import BoardService, parse_form

# Autoescaping is on for .html templates: user input is always escaped.
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")

router = APIRouter(default_response_class=HTMLResponse)


def get_service(session: SessionDep) -> BoardService:
    """A board service for this request."""
    return BoardService(session)


async def read_todo_form(request: Request) -> TodoForm:
    """The posted form fields."""
    return parse_form(await request.body())


ServiceDep = Annotated[BoardService, Depends(get_service)]
FormDep = Annotated[TodoForm, Depends(read_todo_form)]


def todo_list(
    request: Request,
    service: BoardService,
    error: str | None = None,
    status_code: int = status.HTTP_200_OK,
) -> HTMLResponse:
    """The `<ul id="todo-list">` fragment, with an error message when given."""
    return templates.TemplateResponse(
        request,
        "_todo_list.html",
        {"todos": service.list_todos(), "error": error},
        status_code=status_code,
    )


@router.get("/")
def board_page(request: Request, service: ServiceDep) -> HTMLResponse:
    """The full page: a heading, the add form and the list."""
    return templates.TemplateResponse(
        request, "board.html", {"todos": service.list_todos(), "error": None}
    )


@router.post("/todos")
def board_add_todo(
    request: Request, form: FormDep, service: ServiceDep
) -> HTMLResponse:
    """Add a todo; answer the updated list fragment."""
    error = service.add(form)
    if error is not None:
        return todo_list(request, service, error, status_code=422)
    return todo_list(request, service)


@router.delete("/todos/{item_id}")
def board_delete_todo(
    request: Request, item_id: int, service: ServiceDep
) -> HTMLResponse:
    """Remove a todo; answer the updated list fragment."""
    service.remove(item_id)
    return todo_list(request, service)
