"""`docs/commands.md` is generated from the Typer application, and kept in sync."""

from __future__ import annotations

from pole_position.cli.reference import REGENERATE, render_command_reference, slugify
from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "commands.md"


def test_commands_doc_is_generated_from_the_application() -> None:
    assert DOC.is_file(), f"docs/commands.md is missing; run: {REGENERATE}"
    assert DOC.read_text(encoding="utf-8") == render_command_reference(), (
        "docs/commands.md is out of date with the polepos commands; run: " + REGENERATE
    )


def test_every_command_and_option_is_in_the_reference() -> None:
    import typer

    from pole_position.cli.app import app

    rendered = render_command_reference()
    root = typer.main.get_command(app)
    pending = [(root, "polepos")]
    while pending:
        command, path = pending.pop()
        assert f"\n## {path}\n" in rendered, path
        for param in command.params:
            for name in getattr(param, "opts", []):
                if name.startswith("-"):
                    assert f"`{name}`" in rendered, f"{path} {name}"
        for name, sub in getattr(command, "commands", {}).items():
            pending.append((sub, f"{path} {name}"))


def test_slugify_matches_github_heading_ids() -> None:
    assert slugify("polepos add module") == "polepos-add-module"
    assert slugify("PP112: database remnants in a --db none project") == (
        "pp112-database-remnants-in-a---db-none-project"
    )
    assert slugify("PP324: pyproject has no [project].dependencies array") == (
        "pp324-pyproject-has-no-projectdependencies-array"
    )
