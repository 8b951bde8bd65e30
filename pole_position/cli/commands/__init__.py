"""One module per command: parse arguments, call a service, print."""
