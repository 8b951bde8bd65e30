"""Template trees of earlier releases, shipped so `polepos upgrade` can render them.

Each release is a table in `releases.toml` mapping a template path (relative to
`template/`) to a blob: a file in `blobs/` named by the first 20 hex digits of
its SHA-256. Releases share blobs, so a file that did not change between
releases is stored once. The current release is not stored here: it is the
live `template/` folder.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path

HISTORY_DIR = Path(__file__).resolve().parent
RELEASES_FILE = HISTORY_DIR / "releases.toml"
BLOBS_DIR = HISTORY_DIR / "blobs"


class UnknownRelease(LookupError):
    """No template tree is stored for the requested version."""


def blob_id(data: bytes) -> str:
    """The name a template file is stored under."""
    return hashlib.sha256(data).hexdigest()[:20]


@cache
def _releases() -> dict[str, dict[str, object]]:
    if not RELEASES_FILE.is_file():
        return {}
    data = tomllib.loads(RELEASES_FILE.read_text(encoding="utf-8"))
    releases = data.get("releases", {})
    return {str(k): dict(v) for k, v in releases.items() if isinstance(v, dict)}


def stored_releases() -> list[str]:
    """The versions whose templates are stored, oldest first."""
    from packaging.version import Version

    return sorted(_releases(), key=Version)


def release_source(version: str) -> str:
    """The git commit the stored release was recorded from."""
    return str(_releases().get(version, {}).get("source", ""))


@cache
def release_files(version: str) -> dict[str, str]:
    """Every template file of a stored release: `{path under template/: text}`."""
    release = _releases().get(version)
    if release is None:
        raise UnknownRelease(version)
    files = release.get("files", {})
    assert isinstance(files, dict)
    return {
        str(path): (BLOBS_DIR / str(blob)).read_bytes().decode("utf-8")
        for path, blob in files.items()
    }
