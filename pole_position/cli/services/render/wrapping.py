"""Lay out generated Python lines the way black (line length 88) leaves them.

Templates call these instead of branching on name lengths, so a long package or
module name still renders code that black and isort do not change.
"""

from __future__ import annotations

from collections.abc import Sequence

LINE_LENGTH = 88
INDENT = "    "


def _literal(text: str) -> str:
    if '"' in text or "\\" in text or "\n" in text:
        raise ValueError(f"cannot write {text!r} as a plain double-quoted literal")
    return f'"{text}"'


def string_assignment(target: str, pieces: Sequence[str], indent: int = 0) -> str:
    """`target = "<pieces joined>"`, wrapped as black would, `indent` spaces deep.

    On one line when it fits; else the literal alone inside parentheses; else one
    literal per piece (implicit concatenation), which black keeps as it is.
    """
    outer = " " * indent
    inner = outer + INDENT
    whole = _literal("".join(pieces))
    line = f"{outer}{target} = {whole}"
    if len(line) <= LINE_LENGTH:
        return line
    if len(inner + whole) <= LINE_LENGTH:
        body = [inner + whole]
    else:
        body = [inner + _literal(piece) for piece in pieces]
    return "\n".join([f"{outer}{target} = (", *body, f"{outer})"])
