"""Compiled templates are reused across runs only while they match their source."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from pole_position import __version__
from pole_position.cli.services.render.bytecode_cache import (
    UserBytecodeCache,
    cache_directory,
)


def render_with_cache(
    templates: Path, cache: Path, name: str = "page.jinja"
) -> tuple[str, list[str]]:
    """Render `name` in a fresh environment (a new run) and say what was compiled."""
    compiled: list[str] = []

    class Recording(jinja2.Environment):
        def _compile(self, source: str, filename: str) -> object:
            compiled.append(filename)
            return super()._compile(source, filename)

    environment = Recording(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=UserBytecodeCache(cache),
    )
    return environment.get_template(name).render(who="you"), compiled


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.jinja").write_text("hello {{ who }}", encoding="utf-8")
    return folder


def test_a_second_run_does_not_compile(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert render_with_cache(templates, cache) == (
        "hello you",
        [str(templates / "page.jinja")],
    )
    assert render_with_cache(templates, cache) == ("hello you", [])


def test_a_changed_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    render_with_cache(templates, cache)
    (templates / "page.jinja").write_text("bye {{ who }}", encoding="utf-8")
    text, compiled = render_with_cache(templates, cache)
    assert (text, len(compiled)) == ("bye you", 1)
    assert render_with_cache(templates, cache) == ("bye you", [])


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-8] + b"\xff" * 8,
        lambda data: b"garbage" * 40,
        lambda data: data.replace(b"\n", b"x", 1),
    ],
)
def test_a_corrupt_entry_is_ignored_and_replaced(
    templates: Path, tmp_path: Path, corrupt: object
) -> None:
    cache = tmp_path / "cache"
    render_with_cache(templates, cache)
    [entry] = cache.glob("*.cache")
    assert callable(corrupt)
    entry.write_bytes(corrupt(entry.read_bytes()))
    text, compiled = render_with_cache(templates, cache)
    assert (text, len(compiled)) == ("hello you", 1)
    assert render_with_cache(templates, cache) == ("hello you", [])


def test_an_unwritable_cache_is_skipped(templates: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    for _ in range(2):
        text, compiled = render_with_cache(templates, blocker / "cache")
        assert (text, len(compiled)) == ("hello you", 1)


def test_the_cache_lives_under_xdg_cache_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    directory = cache_directory()
    assert directory.parent == tmp_path / "poleposition" / "jinja"
    assert directory.name == f"{__version__}-{jinja2.__version__}"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    assert cache_directory().is_relative_to(Path.home() / ".cache")
