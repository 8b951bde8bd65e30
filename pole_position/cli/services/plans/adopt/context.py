"""What feature templates need to know about an adopted project's settings."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from codemods.layout import Layout

# Decorators that make a settings getter cached, so tests may `cache_clear()` it.
_CACHES = frozenset({"lru_cache", "cache", "functools.lru_cache", "functools.cache"})


def _cached_getter(source: str) -> bool:
    """True when `source` defines a top-level cached `get_settings()`."""
    import libcst as cst

    from codemods import python_source as py

    for stmt in cst.parse_module(source).body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == "get_settings":
            for decorator in stmt.decorators:
                node = decorator.decorator
                target = node.func if isinstance(node, cst.Call) else node
                if py.dotted(target) in _CACHES:
                    return True
    return False


def settings_context(root: Path, layout: Layout) -> dict[str, str]:
    """`settings_module` (dotted) and `settings_factory` (`get_settings` or `Settings`).

    A generated project has a cached `get_settings()` in `<pkg>.settings`; an
    adopted one may only have the class, so templates then build `Settings()`.
    """
    default = f"{layout.package}.settings"
    if layout.settings_file is None:
        return {"settings_module": default, "settings_factory": "get_settings"}
    relative = PurePosixPath(layout.settings_file).with_suffix("")
    if layout.source_root:
        relative = relative.relative_to(layout.source_root)
    module = ".".join(relative.parts)
    if layout.is_default:
        return {"settings_module": module, "settings_factory": "get_settings"}
    try:
        source = (root / layout.settings_file).read_text(encoding="utf-8")
        cached = _cached_getter(source)
    except (OSError, UnicodeDecodeError, Exception):  # an unreadable file: no getter
        cached = False
    return {
        "settings_module": module,
        "settings_factory": "get_settings" if cached else "Settings",
    }
