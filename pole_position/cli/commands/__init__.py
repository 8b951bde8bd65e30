"""One module per command: parse arguments, call a service, print.

These modules do not use `from __future__ import annotations`: Typer reads every
command's annotations each time it builds the application (`polepos --help`
too), and string annotations cost a compile each, half of that build. Names
imported only for type checking are quoted instead.
"""

# Set by the shell scripts `polepos completion` prints: the process then answers
# a completion request instead of running a command. Here, not in the completion
# command, so the entry point can test it without importing Typer.
COMPLETE_VAR = "_POLEPOS_COMPLETE"
