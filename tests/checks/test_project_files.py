"""`ProjectFiles.python_files` lists exactly what the `os.walk` it replaced listed."""

from __future__ import annotations

import os
from pathlib import Path

from pole_position.cli.services.check.documents import ProjectFiles


def _walked(root: Path, folder: str) -> list[str]:
    found: list[str] = []
    for parent, folders, names in os.walk(root / folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        relative = os.path.relpath(parent, root).replace(os.sep, "/")
        found.extend(f"{relative}/{n}" for n in names if n.endswith(".py"))
    return sorted(found)


def test_python_files_match_os_walk(tmp_path: Path) -> None:
    module = tmp_path / "src" / "pkg" / "modules" / "orders"
    (module / "sub" / "deeper").mkdir(parents=True)
    (module / "__pycache__").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    for path in (
        module / "__init__.py",
        module / "router.py",
        module / "notes.txt",
        module / "sub" / "a.py",
        module / "sub" / "deeper" / "b.py",
        module / "__pycache__" / "c.py",
        outside / "d.py",
    ):
        path.write_text("x = 1\n")
    os.symlink(outside, module / "linked")  # listed as a folder, never entered
    os.symlink(module / "router.py", module / "alias.py")
    os.symlink(tmp_path / "missing.py", module / "broken.py")
    (module / "folder.py").mkdir()  # a folder named like a module file
    folder = "src/pkg/modules/orders"
    listed = ProjectFiles(tmp_path).python_files(folder)
    assert listed == _walked(tmp_path, folder)
    assert f"{folder}/sub/deeper/b.py" in listed
    assert f"{folder}/broken.py" in listed
    assert ProjectFiles(tmp_path).python_files("src/none") == []
