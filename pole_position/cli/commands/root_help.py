"""`polepos --help` as Typer renders it for a terminal of 80 columns or more.

The entry point prints this without importing Typer, which is most of what a
root `--help` costs. Click wraps help to `min(columns, 80) - 2` characters, so
one text serves every terminal at least 80 columns wide (and output that is not
a terminal, which click reads as 80 columns); a narrower one goes through
Typer. tests/cli/test_root_help.py compares this text with Typer's live output,
so a changed command summary fails there: paste the text that
`python -m pole_position.cli.commands.root_help` prints.
"""

import os
import sys

# Click's help width: `max(min(columns, 80) - 2, 50)`; from 80 columns on it is 78.
WIDE_COLUMNS = 80

TEXT = """\
Usage: polepos [OPTIONS] COMMAND [ARGS]...

  PolePosition: create, grow, check and shrink FastAPI projects.

Options:
  --version   Show the installed version and exit.
  -h, --help  Show this message and exit.

Commands:
  start       Create a new FastAPI project in ./NAME.
  adopt       Bring an existing FastAPI project under management, in its own
              layout.
  add         Add a module, an integration or auth to the project.
  remove      Remove what 'polepos add' added, exactly.
  rename      Rename what 'polepos add' added; renaming back restores every
              byte.
  check       Check the project against its contract: identity, wiring,
              integrations.
  db          Run the project's database migrations (Alembic).
  upgrade     Plan the move to the installed templates; --apply carries it
              out.
  delete      Delete a generated project folder, its .venv included.
  codemod     Run one codemod (router, model, export, settings) on files of
              the project.
  completion  Print the completion script for a shell (commands, options,
              names).
  version     Show the installed version of PolePosition.
  help        Show help for PolePosition or for one of its commands.

  Examples:
    polepos start shop-api
    polepos add module customers --template crud --pagination
    polepos check --fix
    polepos db upgrade"""


def terminal_columns() -> int:
    """The columns `shutil.get_terminal_size()` reports, without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        # A missing stdout (None) raises AttributeError, as shutil expects.
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or WIDE_COLUMNS


def wide_text() -> str | None:
    """The root help when the terminal is wide enough for `TEXT`, else None."""
    return TEXT if terminal_columns() >= WIDE_COLUMNS else None


def live_text() -> str:
    """Typer's own rendering of `polepos --help` at 80 columns (what `TEXT` pins)."""
    import contextlib
    import io

    from pole_position.cli.main import main

    os.environ["COLUMNS"] = str(WIDE_COLUMNS)
    rendered = io.StringIO()
    with contextlib.redirect_stdout(rendered):
        main(["--help"], shortcuts=False)
    return rendered.getvalue()


if __name__ == "__main__":
    sys.stdout.write(live_text())
