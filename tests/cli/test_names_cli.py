"""Module names normalise like project names; long or path-like names exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Result, Runner, tree_digest

LONG = "a" * 256


def _one_line_usage_error(result: Result) -> str:
    assert result.exit_code == 2, result
    stderr = result.stderr
    assert stderr.startswith("error: "), stderr
    assert stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


def test_add_module_normalises_and_says_so(polepos: Runner, project: Path) -> None:
    result = polepos("add", "module", "Garage-Two", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "Module name 'Garage-Two' normalised to 'garage_two'." in result.stdout
    assert "Added module garage_two (standard)." in result.stdout
    assert (project / "src/shop_api/modules/garage_two/router.py").is_file()
    assert 'garage_two = "standard"' in (project / ".poleposition.toml").read_text()


def test_add_module_capitalised_name_is_lower_cased(
    polepos: Runner, project: Path
) -> None:
    result = polepos("add", "module", "Garage", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert (project / "src/shop_api/modules/garage").is_dir()


def test_remove_module_finds_the_normalised_name(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    assert polepos("add", "module", "garage_two", cwd=project).exit_code == 0
    result = polepos("remove", "module", "Garage-Two", cwd=project)
    assert result.exit_code == 0, result.stderr
    assert "Removed module garage_two." in result.stdout
    assert tree_digest(project) == before


def test_a_name_still_invalid_after_normalisation_is_refused(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    assert "'Status'" not in _one_line_usage_error(
        polepos("add", "module", "Status", cwd=project)
    )
    _one_line_usage_error(polepos("add", "module", "Class", cwd=project))
    _one_line_usage_error(polepos("add", "module", "2-fa", cwd=project))
    assert tree_digest(project) == before


@pytest.mark.parametrize("command", [("add", "module"), ("remove", "module")])
def test_a_256_character_module_name_is_one_line_exit_2(
    polepos: Runner, project: Path, command: tuple[str, str]
) -> None:
    before = tree_digest(project)
    stderr = _one_line_usage_error(polepos(*command, LONG, cwd=project))
    assert "256 characters long; the maximum is 64" in stderr
    assert tree_digest(project) == before


def test_a_256_character_project_name_is_one_line_exit_2(
    polepos: Runner, tmp_path: Path
) -> None:
    stderr = _one_line_usage_error(polepos("start", LONG, cwd=tmp_path))
    assert "the maximum is 64" in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["", "..", "../..", "/etc", "a b"])
def test_path_like_or_empty_names_in_remove_are_one_line_exit_2(
    polepos: Runner, project: Path, name: str
) -> None:
    before = tree_digest(project)
    _one_line_usage_error(polepos("remove", "module", name, cwd=project))
    assert tree_digest(project) == before


def test_the_maximum_is_documented(polepos: Runner) -> None:
    from pole_position.cli.services.naming.validation import MAX_NAME_LENGTH
    from tests.conftest import REPO_ROOT

    phrase = f"at most {MAX_NAME_LENGTH} characters"
    templates = " ".join((REPO_ROOT / "docs" / "templates.md").read_text().split())
    assert phrase in templates
    for command in (("start",), ("add", "module")):
        assert phrase in " ".join(polepos(*command, "--help").stdout.split())
