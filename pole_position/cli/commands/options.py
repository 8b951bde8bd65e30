"""Options every mutating command shares, declared once."""

from typing import Annotated

import typer

Trace = Annotated[
    bool,
    typer.Option("--trace", help="List the planned file operations; write nothing."),
]
Diff = Annotated[
    bool,
    typer.Option("--diff", help="Show every change as a unified diff; write nothing."),
]
Force = Annotated[
    bool, typer.Option("--force", help="Go ahead despite custom changes.")
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Do not list the files created and edited."),
]
NoInstall = Annotated[
    bool,
    typer.Option(
        "--no-install",
        help="Do not install changed dependencies into the project's environment.",
    ),
]
