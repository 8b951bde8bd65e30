"""No input prints a traceback: each known cause gets one specific line, exit 1 or 2,
and nothing written (SPEC sections 5 and 13). A guard runs every command against a
corpus of broken manifests, locks and managed files."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Runner, run_polepos_process, tree_digest
from tests.safety._support import assert_one_line

LONG = "a" * 256


# -- one test per cause ---------------------------------------------------------


@pytest.mark.parametrize("name", ["", "..", "../..", "../../x", "/etc", LONG])
def test_remove_module_refuses_a_name_that_is_no_module(
    polepos: Runner, shop: Path, name: str
) -> None:
    before = tree_digest(shop)
    line = assert_one_line(polepos("remove", "module", name), codes=(2,))
    assert "not a valid module name" in line or "module name" in line
    assert tree_digest(shop) == before


def test_the_remover_itself_refuses_a_path_like_name(shop: Path) -> None:
    # Whatever the command layer lets through, the service refuses before any path.
    from pole_position.cli.errors import InvalidInput
    from pole_position.cli.services.plans.module.remove import plan_remove_module
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    state = load_state(locate_project(shop))
    for name in ("", "..", "../..", LONG):
        with pytest.raises(InvalidInput, match="not a valid module name"):
            plan_remove_module(state, name, force=True)


def _add_manifest_key(shop: Path, line: str) -> None:
    manifest = shop / ".poleposition.toml"
    text = manifest.read_text()
    manifest.write_text(text.replace("[integrations]", f"{line}\n\n[integrations]"))


@pytest.mark.parametrize(
    "command",
    [("check",), ("check", "--fix"), ("upgrade",), ("remove", "module", "notes")],
)
def test_a_manifest_module_key_that_is_a_path(
    polepos: Runner, shop: Path, command: tuple[str, ...]
) -> None:
    _add_manifest_key(shop, '"../../x" = "crud"')
    before = tree_digest(shop)
    result = polepos(*command)
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert "internal error" not in output
    assert "'../../x' is not a valid module name" in output
    if command[0] == "check":
        assert "PP032 error" in result.stdout
    else:
        assert_one_line(result)
    assert tree_digest(shop) == before


LOCK_SHAPES = {
    "files = 3": ("[modules.notes]\nfiles = 3\n", "files must be a table"),
    "modules = 5": ("modules = 5\n", "modules must be a table of owners"),
}


@pytest.mark.parametrize("shape", sorted(LOCK_SHAPES))
def test_a_lock_of_the_wrong_shape(polepos: Runner, shop: Path, shape: str) -> None:
    text, expected = LOCK_SHAPES[shape]
    lock = shop / ".poleposition.lock"
    if shape == "modules = 5":
        lock.write_text("# hand-made\n" + text)
    else:
        lock.write_text(text)
    before = tree_digest(shop)
    check = polepos("check")
    assert check.exit_code == 1
    assert "PP031 error" in check.stdout
    assert expected in check.stdout
    for command in (("add", "module", "orders"), ("remove", "module", "notes")):
        line = assert_one_line(polepos(*command))
        assert expected in line
        assert "nothing was changed" in line
    assert tree_digest(shop) == before  # add did not overwrite the lock


def _fail_replace_once(
    monkeypatch: pytest.MonkeyPatch, error: OSError, at: int = 3
) -> None:
    """Make the `at`-th atomic rename fail with `error` (later ones succeed)."""
    real = os.replace
    calls = {"n": 0}

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls["n"] += 1
        if calls["n"] == at:
            raise error
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (PermissionError(errno.EACCES, "Permission denied"), "Permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "Read-only file system"),
    ],
)
def test_a_failing_write_is_one_line_and_rolled_back(
    polepos: Runner,
    shop: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    expected: str,
) -> None:
    # Injected: tests run as root, where permissions and quotas do not stop writes.
    before = tree_digest(shop)
    _fail_replace_once(monkeypatch, error)
    line = assert_one_line(polepos("add", "module", "orders"))
    assert expected in line
    assert "rolled back" in line
    monkeypatch.undo()
    assert tree_digest(shop) == before


def test_an_immutable_file_is_one_line_and_rolled_back(
    polepos: Runner, shop: Path
) -> None:
    # A real `chattr +i` folder: even root cannot create a file in it. The generated
    # unit test is the last file add writes, so every earlier write is rolled back.
    router = shop / "tests/unit"
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    made = subprocess.run(["chattr", "+i", str(router)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {made.stderr!r}")
    try:
        before = tree_digest(shop)
        line = assert_one_line(polepos("add", "module", "orders"))
        assert "Operation not permitted" in line
        assert "rolled back" in line
        assert tree_digest(shop) == before
    finally:
        subprocess.run(["chattr", "-i", str(router)], check=True)


def test_a_full_disk_prints_no_traceback_from_a_real_process(shop: Path) -> None:
    # The same injection, in a real interpreter: stderr carries one line only.
    hook = shop.parent / "hook"
    hook.mkdir()
    # Only renames into the project count: polepos's own caches (Jinja bytecode,
    # check results) live elsewhere and tolerate a full disk silently.
    (hook / "sitecustomize.py").write_text(
        "import errno, os\n"
        "_real, _n = os.replace, [0]\n"
        "def _replace(a, b):\n"
        f"    if os.fspath(b).startswith({str(shop)!r}):\n"
        "        _n[0] += 1\n"
        "    if _n[0] == 3:\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "    _real(a, b)\n"
        "os.replace = _replace\n"
    )
    before = tree_digest(shop)
    env = {"PYTHONPATH": f"{hook}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    done = run_polepos_process("add", "module", "orders", cwd=shop, env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.count("No space left on device") == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert tree_digest(shop) == before


def test_the_last_resort_handler_names_an_internal_error(
    polepos: Runner, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pole_position.cli.services import check as project_checker

    def explode(start: Path, **_options: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(project_checker, "check_project", explode)
    result = polepos("check")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: internal error: RuntimeError: boom second line; please report this."
    )


# -- the guard: every command against a corpus of broken projects ------------------

Breaker = Callable[[Path], None]


def _write(path: str, data: str | bytes) -> Breaker:
    def breaker(root: Path) -> None:
        target = root / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data)

    return breaker


def _directory(path: str) -> Breaker:
    def breaker(root: Path) -> None:
        (root / path).unlink()
        (root / path).mkdir()
        (root / path / "inner.txt").write_text("x\n")

    return breaker


def _linked(path: str, outside: bool) -> Breaker:
    """Replace `path` by a link to a copy, beside it or outside the project."""

    def breaker(root: Path) -> None:
        target = root / path
        where = root.parent / "elsewhere" if outside else target.parent
        where.mkdir(exist_ok=True)
        copy = where / (target.name + ".real")
        target.rename(copy)
        target.symlink_to(copy, target_is_directory=copy.is_dir())

    return breaker


def _manifest(body: str) -> Breaker:
    return _write(".poleposition.toml", body)


def _manifest_with(old: str, new: str) -> Breaker:
    def breaker(root: Path) -> None:
        path = root / ".poleposition.toml"
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new))

    return breaker


def _lock(body: str) -> Breaker:
    return _write(".poleposition.lock", body)


GOOD_HEAD = '[poleposition]\npackage = "shop"\ndb = "sqlite"\n'
HUGE = "k" * 5000

CORPUS: dict[str, Breaker] = {
    "manifest invalid toml": _manifest("[poleposition\npackage = \n"),
    "manifest empty": _manifest(""),
    "manifest not utf-8": _write(".poleposition.toml", b"\xff\xfe[poleposition]\x80\n"),
    "manifest is a directory": _directory(".poleposition.toml"),
    "manifest top is a string": _manifest('poleposition = "shop"\n'),
    "manifest package is a number": _manifest_with('package = "shop"', "package = 5"),
    "manifest package is a path": _manifest_with(
        'package = "shop"', 'package = "../x"'
    ),
    "manifest package is huge": _manifest_with(
        'package = "shop"', f'package = "{HUGE}"'
    ),
    "manifest db is a number": _manifest_with('db = "sqlite"', "db = 5"),
    "manifest db unknown": _manifest_with('db = "sqlite"', 'db = "mongo"'),
    "manifest auth is a string": _manifest_with(
        'db = "sqlite"', 'db = "sqlite"\nauth = "yes"'
    ),
    "manifest modules is a number": _manifest(
        GOOD_HEAD + "modules = 5\n[integrations]\n"
    ),
    "manifest modules is an array": _manifest(
        GOOD_HEAD + "modules = [1, 2]\n[integrations]\n"
    ),
    "manifest module is a number": _manifest_with('notes = "standard"', "notes = 5"),
    "manifest module is a table": _manifest_with(
        'notes = "standard"', "notes = {a = 1}"
    ),
    "manifest module key escapes": _manifest_with(
        'notes = "standard"', '"../../x" = "crud"'
    ),
    "manifest module key absolute": _manifest_with(
        'notes = "standard"', '"/etc" = "crud"'
    ),
    "manifest module key huge": _manifest_with(
        'notes = "standard"', f'{HUGE} = "crud"'
    ),
    "manifest module key empty": _manifest_with('notes = "standard"', '"" = "crud"'),
    "manifest unknown template": _manifest_with(
        'notes = "standard"', 'notes = "wizard"'
    ),
    "manifest unknown option": _manifest_with(
        'notes = "standard"', 'notes = "crud[bogus]"'
    ),
    "manifest options on standard": _manifest_with(
        'notes = "standard"', 'notes = "standard[pagination]"'
    ),
    "manifest integrations is a string": _manifest_with(
        "[integrations]", 'integrations = "redis"'
    ),
    "manifest unknown integration": _manifest_with(
        "[integrations]", "[integrations]\nmongo = true"
    ),
    "manifest integration not bool": _manifest_with(
        "[integrations]", '[integrations]\nredis = "yes"'
    ),
    "manifest detached is a number": _manifest_with(
        "[integrations]", "detached = 5\n[integrations]"
    ),
    "manifest detached key escapes": _manifest_with(
        "[integrations]", '[integrations]\n[detached]\n"../x" = "crud"'
    ),
    "lock invalid toml": _lock("[modules.notes\n"),
    "lock empty": _lock(""),
    "lock not utf-8": _write(".poleposition.lock", b"\xff\xfe\x80\n"),
    "lock is a directory": _directory(".poleposition.lock"),
    "lock modules is a number": _lock("modules = 5\n"),
    "lock owner is a string": _lock('[modules]\nnotes = "x"\n'),
    "lock files is a number": _lock("[modules.notes]\nfiles = 3\n"),
    "lock file hash is a number": _lock('[modules.notes.files]\n"src/shop/x.py" = 5\n'),
    "lock template is a number": _lock("[modules.notes]\ntemplate = 5\n"),
    "lock path escapes": _lock('[modules.notes.files]\n"../../victim" = "sha256:0"\n'),
    "lock path absolute": _lock(
        '[modules.notes.files]\n"/etc/hostname" = "sha256:0"\n'
    ),
    "lock owner escapes": _lock('[modules."../x".files]\n"a.py" = "sha256:0"\n'),
    "lock huge key": _lock(f'[modules.notes.files]\n"{HUGE}" = "sha256:0"\n'),
    "router is a link": _linked("src/shop/api/router.py", outside=False),
    "models is a link outside": _linked("src/shop/db/models.py", outside=True),
    "lock is a link outside": _linked(".poleposition.lock", outside=True),
    "manifest is a link": _linked(".poleposition.toml", outside=False),
    "module folder is a link outside": _linked("src/shop/modules/notes", outside=True),
    "tests folder is a link outside": _linked("tests", outside=True),
    "router is a directory": _directory("src/shop/api/router.py"),
    "router not utf-8": _write("src/shop/api/router.py", b"\xff\xfeimport os\n\x80"),
    "router empty": _write("src/shop/api/router.py", ""),
    "router syntax error": _write("src/shop/api/router.py", "def (:\n"),
    "settings not utf-8": _write("src/shop/settings.py", b"\x80\x81\n"),
    "models is a directory": _directory("src/shop/db/models.py"),
    "exports syntax error": _write("src/shop/modules/__init__.py", "__all__ = [\n"),
    "env example is a directory": _directory(".env.example"),
    "env example not utf-8": _write(".env.example", b"\xffKEY=\x80\n"),
    "pyproject invalid toml": _write("pyproject.toml", "[project\n"),
    "pyproject empty": _write("pyproject.toml", ""),
    "pyproject is a directory": _directory("pyproject.toml"),
    "pyproject dependencies is a string": _write(
        "pyproject.toml", '[project]\nname = "shop"\ndependencies = "fastapi"\n'
    ),
}

# Every command, as a user types it in the broken project.
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("add", "module", "orders"),
    ("add", "integration", "redis"),
    ("add", "auth"),
    ("remove", "module", "notes"),
    ("remove", "module", "notes", "--wiring-only", "--force"),
    ("remove", "integration", "redis"),
    ("remove", "auth"),
    ("rename", "module", "notes", "memos"),
    ("check",),
    ("check", "--json"),
    ("check", "--fix"),
    ("upgrade",),
    ("db", "status"),
    ("completion", "bash"),
)
# Run from the folder above the project.
OUTSIDE_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("start", "shop"),
    ("delete", "shop", "--trace"),
)
LONG_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("add", "module", LONG),
    ("remove", "module", LONG),
    ("remove", "module", "notes", "--force", "--wiring-only", LONG),
    ("rename", "module", "notes", LONG),
    ("rename", "module", LONG, "memos"),
)
LONG_OUTSIDE_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("start", LONG),
    ("delete", LONG, "--force"),
)
READ_ONLY = {"check", "upgrade", "db", "completion"}


def _run_guarded(
    polepos: Runner,
    broken: Path,
    scratch: Path,
    case: str,
    commands: tuple[tuple[str, ...], ...],
    outside: tuple[tuple[str, ...], ...],
    *,
    strict: bool = True,
) -> None:
    for command in (*commands, *outside):
        root = scratch / "shop"
        if scratch.exists():
            shutil.rmtree(scratch)
        shutil.copytree(broken, root, symlinks=True)
        before = tree_digest(scratch)
        elsewhere = tree_digest(broken.parent)  # where outside links lead
        result = polepos(*command, cwd=scratch if command in outside else root)
        output = result.stdout + result.stderr
        where = f"{case}: polepos {' '.join(c[:20] for c in command)}"
        assert "Traceback" not in output, where
        if strict:  # the cause was met at its own layer, not by the last resort
            assert "internal error" not in output, f"{where}: {output}"
        assert result.exit_code in (0, 1, 2), where
        assert tree_digest(broken.parent) == elsewhere, f"{where} wrote outside"
        if result.exit_code == 0:
            continue
        assert output.strip(), where
        if command[0] not in READ_ONLY:
            assert tree_digest(scratch) == before, f"{where} wrote files"
            assert len(result.stderr.strip().splitlines()) == 1, f"{where}: {output}"


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_no_command_prints_a_traceback_on_a_broken_project(
    polepos: Runner, pristine_shop: Path, tmp_path: Path, case: str
) -> None:
    broken = tmp_path / "broken" / "shop"
    shutil.copytree(pristine_shop, broken, symlinks=True)
    CORPUS[case](broken)
    _run_guarded(polepos, broken, tmp_path / "run", case, COMMANDS, OUTSIDE_COMMANDS)


@pytest.mark.parametrize(
    "case", ["intact", "manifest invalid toml", "lock path escapes"]
)
def test_no_command_prints_a_traceback_on_a_name_too_long(
    polepos: Runner, pristine_shop: Path, tmp_path: Path, case: str
) -> None:
    # The documented maximum name length belongs to the name rules; whatever
    # answers, the user sees one line and no traceback.
    broken = tmp_path / "broken" / "shop"
    shutil.copytree(pristine_shop, broken, symlinks=True)
    if case != "intact":
        CORPUS[case](broken)
    _run_guarded(
        polepos,
        broken,
        tmp_path / "run",
        case,
        LONG_COMMANDS,
        LONG_OUTSIDE_COMMANDS,
        strict=False,
    )


def test_module_completion_never_fails_on_a_broken_project(
    polepos: Runner, shop: Path
) -> None:
    from pole_position.cli.commands.remove.module import _complete_module

    assert _complete_module("") == ["notes"]
    for case in (
        "manifest not utf-8",
        "manifest module key escapes",
        "lock files is a number",
    ):
        fresh = shop.parent / case.replace(" ", "-")
        shutil.copytree(shop, fresh, symlinks=True)
        CORPUS[case](fresh)
        polepos("version", cwd=fresh)
        assert _complete_module("") in ([], ["notes"])


def test_check_reports_an_unreadable_file(
    polepos: Runner, shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Injected: root reads every file, so the refusal is simulated at read time.
    settings = shop / "src/shop/settings.py"
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == settings:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    # The checker reads through `open` (cheaper than pathlib per file).
    from pole_position.cli.services.check import documents

    real_open = open

    def open_refusing(file: str, *args: object, **kwargs: object) -> object:
        if Path(file) == settings:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(documents, "open", open_refusing, raising=False)
    result = polepos("check", "--no-cache")
    assert result.exit_code == 1
    assert (
        "src/shop/settings.py: PP034 error: src/shop/settings.py cannot be read "
        "(Permission denied)" in result.stdout
    )
    line = assert_one_line(polepos("add", "integration", "redis"))
    assert "src/shop/settings.py cannot be read (Permission denied)" in line
