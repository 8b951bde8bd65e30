"""Generated lines laid out as black and isort's black profile would write them."""

from __future__ import annotations

from collections.abc import Sequence

# black's and isort's line length; generated lines longer than this are wrapped.
LINE_LENGTH = 88


def wrap_call(indent: str, head: str, args: Sequence[str], unit: str = "    ") -> str:
    """A call statement laid out as black would: one line, hugged, or exploded.

    `unit` is one level of the file's indentation (continuation lines use it).
    """
    flat = f"{head}({', '.join(args)})"
    if len(indent) + len(flat) <= LINE_LENGTH:
        return flat
    inner = ", ".join(args)
    if len(indent) + 4 + len(inner) <= LINE_LENGTH:
        return f"{head}(\n{indent}{unit}{inner}\n{indent})"
    lines = "".join(f"{indent}{unit}{arg},\n" for arg in args)
    return f"{head}(\n{lines}{indent})"


def wrap_import(
    indent: str, module: str, name: str, comment: str = "", unit: str = "    "
) -> str:
    """`from module import name` laid out as isort's black profile would."""
    flat = f"from {module} import {name}{comment}"
    if len(indent) + len(flat) <= LINE_LENGTH:
        return flat
    return f"from {module} import (\n{indent}{unit}{name},\n{indent}){comment}"


def relative_continuation(code: str, indent: str) -> str:
    """`code` with its continuation lines made relative to the block's indentation.

    A generated statement is measured at its absolute indentation, but it is
    parsed on its own and LibCST prefixes each continuation line with the
    block's indentation when rendering: written absolute, nested blocks would
    come out indented twice.
    """
    return code.replace(f"\n{indent}", "\n") if indent else code


def indent_unit(indent: str) -> str:
    """One level of continuation indentation for a statement at `indent`: a tab
    inside tab-indented blocks (mixing would be ruff's E101), else 4 spaces as
    black and isort write it."""
    return "\t" if "\t" in indent else "    "
