"""`python -m pole_position` runs the CLI."""

from pole_position.cli.main import run

run()
