"""Use cases of the board module."""

from .board_service import BoardService, parse_form

__all__ = ["BoardService", "parse_form"]
