"""Form schemas of the board module."""

from pydantic import BaseModel, ConfigDict


class TodoForm(BaseModel):
    """The fields of the add form, as posted (validated by `TodoCreate` later)."""

    model_config = ConfigDict(extra="ignore")

    name: str = ""
