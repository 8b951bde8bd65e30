"""Rendering Jinja2 file bodies and vendored runtime sources."""
