"""`polepos start NAME`: create a new FastAPI project."""

from pathlib import Path

import typer

from pole_position.cli import output
from pole_position.cli.commands.options import Diff, Trace
from pole_position.cli.services.catalog.databases import Database

EPILOG = """\b
Examples:
  polepos start shop-api
  polepos start shop-api --db postgres --install
  polepos start tools --db none --trace
  polepos start scratch --no-git"""


def start(
    name: str = typer.Argument(
        ...,
        help="Project name, e.g. shop-api (package shop_api); at most 64 characters.",
    ),
    db: Database = typer.Option(
        Database.sqlite, "--db", help="Database mode.", case_sensitive=False
    ),
    install: bool = typer.Option(
        False, "--install", help="Create .venv and install the project (uv or pip)."
    ),
    no_git: bool = typer.Option(
        False,
        "--no-git",
        help="Do not run git init and the initial commit.",
    ),
    no_bytecode: bool = typer.Option(
        False,
        "--no-bytecode",
        help="Generate commands and images that do not write .pyc files.",
    ),
    trace: Trace = False,
    diff: Diff = False,
) -> None:
    """Create a new FastAPI project in ./NAME."""
    from pole_position.cli.services.naming.validation import parse_project_name
    from pole_position.cli.services.plans.start import plan_project

    project = parse_project_name(name)
    changes = plan_project(Path.cwd(), project, db, no_bytecode=no_bytecode)
    if trace or diff:
        from pole_position.cli.commands.plan_output import preview

        preview(changes, trace=trace, diff=diff)
        return
    changes.commit()
    root = changes.root
    output.success(
        f"Created {project.name} (package {project.package}, db {db.value})."
    )
    if not no_git:
        from pole_position.cli.services.project.git_init import (
            GitInitFailed,
            init_repository,
        )

        try:
            if init_repository(root):
                output.info("Initialised a git repository with an initial commit.")
        except GitInitFailed as failure:
            output.warn(str(failure))
    if install:
        from pole_position.cli.services.environment.install import install_environment

        install_environment(root)
    prefix = "PYTHONDONTWRITEBYTECODE=1 " if no_bytecode else ""
    steps = [f"cd {project.name}"]
    if not install:
        from pole_position.cli.services.environment.detect import (
            CREATE_ENVIRONMENT,
        )

        steps.append(CREATE_ENVIRONMENT)
    if db is not Database.none:
        steps.append(f"{prefix}polepos db upgrade")
    steps += [
        f"{prefix}.venv/bin/pytest",
        f"{prefix}.venv/bin/python -m {project.package}.run",
    ]
    output.info("Next steps:")
    for step in steps:
        output.info(f"  {step}")


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command("start", epilog=EPILOG)(start)
