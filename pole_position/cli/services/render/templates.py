"""Render a folder of `template/` with Jinja2 into `{relative path: text}`, in memory.

Rules: every file is a `.jinja` template (the suffix is stripped); a path
segment `__package__` becomes the package name; `_layout.toml` in a template
folder lists paths that exist only in projects with a database. Templates may call
`vendored_source("polepos.<module>")` to copy a module of the runtime package in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath

from pole_position.cli.services.render.vendored import vendored_source

SUFFIX = ".jinja"
LAYOUT_FILE = "_layout.toml"


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


def _db_only_paths(layout_text: str | None) -> tuple[PurePosixPath, ...]:
    if layout_text is None:
        return ()
    data = tomllib.loads(layout_text)
    return tuple(PurePosixPath(p) for p in data.get("db_only", []))


def _is_under(path: PurePosixPath, roots: tuple[PurePosixPath, ...]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _folder_sources(folder: str, release: str | None) -> dict[str, str]:
    """`{path relative to the folder: template source}` of the live or a stored tree."""
    if release is None:
        source = template_root() / folder
        return {
            path.relative_to(source).as_posix(): path.read_text(encoding="utf-8")
            for path in source.rglob("*")
            if path.is_file()
        }
    from pole_position.template_history import release_files

    prefix = f"{folder}/"
    return {
        path[len(prefix) :]: text
        for path, text in release_files(release).items()
        if path.startswith(prefix)
    }


def render_folder(
    folder: str, context: Mapping[str, object], *, release: str | None = None
) -> dict[str, str]:
    """Render every template below `template/<folder>` with `context`.

    `release` names a stored earlier release (see `pole_position.template_history`)
    to render instead of the installed templates.
    """
    import jinja2

    sources = _folder_sources(folder, release)
    environment = jinja2.Environment(
        loader=jinja2.DictLoader(sources),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    environment.globals["vendored_source"] = vendored_source
    skip = (
        _db_only_paths(sources.get(LAYOUT_FILE)) if context.get("db") == "none" else ()
    )
    names = {"__package__": str(context.get("package", ""))}
    if "module" in context:
        names["__module__"] = str(context["module"])
    rendered: dict[str, str] = {}
    for relative_name in sorted(name for name in sources if name.endswith(SUFFIX)):
        relative = PurePosixPath(relative_name)
        unsuffixed = PurePosixPath(relative_name[: -len(SUFFIX)])
        if _is_under(unsuffixed, skip):
            continue
        target = str(unsuffixed)
        for placeholder, value in names.items():
            target = target.replace(placeholder, value)
        template = environment.get_template(relative.as_posix())
        rendered[target] = template.render(**context)
    return rendered
