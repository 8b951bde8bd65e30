"""One module per command: parse arguments, call a service, print."""

# Set by the shell scripts `polepos completion` prints: the process then answers
# a completion request instead of running a command. Here, not in the completion
# command, so the entry point can test it without importing Typer.
COMPLETE_VAR = "_POLEPOS_COMPLETE"
