"""The command-line interface of PolePosition."""
