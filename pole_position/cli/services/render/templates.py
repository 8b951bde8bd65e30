"""Render a folder of `template/` with Jinja2 into `{relative path: text}`, in memory.

Rules: every file is a `.jinja` template (the suffix is stripped); a path
segment `__package__` becomes the package name; `_layout.toml` in a template
folder lists paths that exist only in projects with a database (`db_only`) or
only in adopted projects (`adopted_only`, rendered when the context's `adopted`
is true). Templates may call
`vendored_source("polepos.<module>")` to copy a module of the runtime package in,
import the macros of `template/_shared/macros.j2`, and call the wrapping helpers
of `pole_position.cli.services.render.wrapping`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from pole_position.cli.services.render.vendored import vendored_source

if TYPE_CHECKING:
    import jinja2

SUFFIX = ".jinja"
LAYOUT_FILE = "_layout.toml"
# Macros every folder may import: `{% from "_shared/macros.j2" import from_import %}`.
SHARED_FOLDER = "_shared"


@cache
def template_root() -> Path:
    """The `template/` folder, in a wheel install or an editable checkout."""
    package_dir = Path(__file__).resolve().parents[3]
    for candidate in (package_dir / "template", package_dir.parent / "template"):
        if (candidate / "project").is_dir():
            return candidate
    raise FileNotFoundError(
        "PolePosition's templates are missing; reinstall poleposition."
    )


def _listed_paths(layout_text: str | None, key: str) -> tuple[PurePosixPath, ...]:
    """The paths `_layout.toml` lists under `key` (`db_only`, `adopted_only`)."""
    if layout_text is None:
        return ()
    import tomllib  # only the project and auth templates have a layout file

    data = tomllib.loads(layout_text)
    return tuple(PurePosixPath(p) for p in data.get(key, []))


def _is_under(path: PurePosixPath, roots: tuple[PurePosixPath, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _new_environment(
    loader: jinja2.BaseLoader, bytecode_cache: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    import jinja2

    from pole_position.cli.services.render import wrapping

    environment = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        bytecode_cache=bytecode_cache,
        # Templates do not change while a command runs: no stat per render.
        auto_reload=False,
    )
    environment.globals["vendored_source"] = vendored_source
    environment.globals["string_assignment"] = wrapping.string_assignment
    return environment


@cache
def _live_environment(root: Path) -> jinja2.Environment:
    """The one environment of the installed templates: names are paths under `root`."""
    import jinja2

    from pole_position.cli.services.render.bytecode_cache import user_bytecode_cache

    return _new_environment(jinja2.FileSystemLoader(root), user_bytecode_cache())


@cache
def _release_sources(release: str, folder: str) -> dict[str, str]:
    """A stored release's folder, `{path relative to it: source}`, plus `_shared/`.

    Names stay relative to the folder, as earlier releases' imports expect.
    """
    from pole_position.template_history import release_files

    prefix = f"{folder}/"
    shared = f"{SHARED_FOLDER}/"
    files = release_files(release)
    sources = {name: text for name, text in files.items() if name.startswith(shared)}
    for name, text in files.items():
        if name.startswith(prefix):
            sources[name[len(prefix) :]] = text
    return sources


@cache
def _release_environment(release: str, folder: str) -> jinja2.Environment:
    import jinja2

    return _new_environment(jinja2.DictLoader(_release_sources(release, folder)))


@cache
def _live_folder(root: Path, folder: str) -> tuple[list[str], str | None]:
    """A template folder's file names and `_layout.toml`, read once per process.

    `add module a b c` renders one folder per module: the installed templates
    do not change while a command runs, so they are listed once.
    """
    source = root / folder
    names = sorted(
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file()
    )
    layout_path = source / LAYOUT_FILE
    layout = layout_path.read_text(encoding="utf-8") if layout_path.is_file() else None
    return names, layout


def render_folder(
    folder: str, context: Mapping[str, object], *, release: str | None = None
) -> dict[str, str]:
    """Render every template below `template/<folder>` with `context`.

    `release` names a stored earlier release (see `pole_position.template_history`)
    to render instead of the installed templates.
    """
    if release is None:
        root = template_root()
        environment = _live_environment(root)
        names, layout = _live_folder(root, folder)
        prefix = f"{folder}/"
    else:
        sources = _release_sources(release, folder)
        environment = _release_environment(release, folder)
        shared = f"{SHARED_FOLDER}/"
        names = sorted(name for name in sources if not name.startswith(shared))
        layout = sources.get(LAYOUT_FILE)
        prefix = ""
    skip = _listed_paths(layout, "db_only") if context.get("db") == "none" else ()
    if not context.get("adopted"):
        skip += _listed_paths(layout, "adopted_only")
    placeholders = {"__package__": str(context.get("package", ""))}
    if "module" in context:
        placeholders["__module__"] = str(context["module"])
    rendered: dict[str, str] = {}
    for relative_name in names:
        if not relative_name.endswith(SUFFIX):
            continue
        unsuffixed = PurePosixPath(relative_name[: -len(SUFFIX)])
        if _is_under(unsuffixed, skip):
            continue
        target = str(unsuffixed)
        for placeholder, value in placeholders.items():
            target = target.replace(placeholder, value)
        template = environment.get_template(prefix + relative_name)
        rendered[target] = template.render(**context)
    return rendered
