"""PolePosition internals: the `polepos` CLI and its services (private to the CLI)."""

__version__ = "0.2.0"
