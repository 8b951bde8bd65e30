"""polepos.data is importable by apps: standard library only, no CLI package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
before = set(sys.modules)
import polepos.data
from polepos.data import LRUCache, TTLCache, Trie
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_imports_only_the_standard_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout)
    assert "polepos.data" in loaded
    foreign = [
        name
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names
        and name.split(".")[0] != "polepos"
    ]
    assert foreign == []
    assert not any(name.startswith("pole_position") for name in loaded)


def test_public_names() -> None:
    import polepos.data

    assert set(polepos.data.__all__) == {"CacheStats", "LRUCache", "TTLCache", "Trie"}
