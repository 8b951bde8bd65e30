"""`polepos codemod COMMAND [ARGS] [PATHS]`: run a codemod through libcst.tool."""

import typer

EPILOG = (
    "\b\nRuns 'python -m libcst.tool codemod' with polepos's own interpreter,\n"
    "from the project root (so the project's .libcst.codemod.yaml applies);\n"
    "PATHS are relative to the project root. The exit code is the tool's.\n"
    "Commands: docs/codemods.md.\n"
    "\b\nExamples:\n"
    "  polepos codemod router.AddRouter --package shop_api --module users "
    "src/shop_api/api/router.py\n"
    "  polepos codemod export.RemoveExport --name users "
    "src/shop_api/modules/__init__.py\n"
    "  polepos codemod router.AddRouter --package shop_api --module users "
    "--unified-diff 1 src/shop_api/api/router.py"
)


def codemod(
    command: str = typer.Argument(
        ..., help="The codemod, e.g. router.AddRouter (module.Class in codemods)."
    ),
    arguments: list[str] = typer.Argument(
        None, help="The codemod's options, then the files or folders to change."
    ),
) -> None:
    """Run one codemod (router, model, export, settings) on files of the project."""
    from pole_position.cli.services.plans.codemod import run_codemod
    from pole_position.cli.services.project.locate import locate_project

    code = run_codemod(locate_project().root, command, list(arguments or []))
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the command to the application."""
    app.command(
        "codemod",
        epilog=EPILOG,
        context_settings={"ignore_unknown_options": True},
    )(codemod)
