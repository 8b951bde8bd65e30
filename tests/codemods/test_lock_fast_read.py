"""The lock's line reader agrees with tomllib wherever it answers at all."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codemods.containment import path_problem
from codemods.lockfile import (
    HEADER,
    LockDocument,
    LockFormat,
    _canonical_toml,
    _plain_toml,
    read_lock,
)

KEYS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r"), max_size=12
)
LINES = st.one_of(
    st.sampled_from(
        [
            "",
            "# comment",
            "#\tcomment with a tab",
            "# \x01 control",
            "[modules]",
            "[modules.a]",
            "[modules.a.files]",
            '[modules."a.b"]',
            '["modules".a]',
            "[ modules.a ]",
            "[[modules]]",
            'a = "1"',
            'a = "x\\"y"',
            'a = "x\\\\y"',
            "a = 'x'",
            'a = "x" # trailing',
            'a.b = "x"',
            ' a = "x"',
            'a="x"',
            '"src/x.py" = "sha256:00"',
            '"" = ""',
            "a = 1",
            'a = "\t"',
            "\r",
            'files = "not a table"',
            "[files]",
        ]
    ),
    st.builds(lambda k, v: f"{k} = {v}", KEYS, KEYS),
    st.builds(lambda k: f"[{k}]", KEYS),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_plain_reader_matches_tomllib_or_declines(lines: list[str], end: str) -> None:
    text = end.join(lines)
    plain = _plain_toml(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert plain is None, text
        return
    assert plain is None or plain == expected, text


def _lock(owners: dict[str, dict[str, str]]) -> str:
    document = LockDocument(
        modules={
            owner: {"polepos": "0.2.0", "template": "crud", "files": files}
            for owner, files in owners.items()
        }
    )
    return LockFormat().render(document)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_canonical_locks_take_the_fast_path(newline: str) -> None:
    text = _lock(
        {
            f"m{index}": {f"src/x/m{index}/é {index}.py": "sha256:ab"}
            for index in range(30)
        }
    ).replace("\n", newline)
    plain = _plain_toml(text)
    assert plain is not None
    assert plain == tomllib.loads(text)
    document, problems = read_lock(text)
    assert problems == []
    assert document.newline == newline
    assert LockFormat().render(document) == text


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "//x", "a/../b", "C:x", "", " a", "a\\b", "ok/fine.py"]
)
def test_path_problem_agrees_with_pathlib_on_absolute_paths(path: str) -> None:
    from pathlib import PurePosixPath

    if PurePosixPath(path).is_absolute():
        assert path_problem(path) == "is absolute"
    assert (path_problem(path) is None) == (path == "ok/fine.py")


OWNER_LINES = st.sampled_from(
    [
        "",
        "[modules.a]",
        "[modules.a.files]",
        "[modules.b]",
        "[modules.b.files]",
        "[shared.a]",
        "[shared.a.files]",
        'polepos = "0.2.0"',
        'template = "crud"',
        'files = "x"',
        '"src/a.py" = "sha256:00"',
        '"src/b.py" = "sha256:11"',
        '"src/a.py" = "sha256:22"',
        '"src/\\"q.py" = "sha256:00"',
        "# comment",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(OWNER_LINES, max_size=14), st.sampled_from(["\n", "\r\n"]))
def test_block_reader_matches_the_line_reader_or_declines(
    lines: list[str], end: str
) -> None:
    text = HEADER.replace("\n", end) + end.join(lines) + (end if lines else "")
    fast = _canonical_toml(text)
    assert fast is None or fast == _plain_toml(text), text


def test_rendered_locks_take_the_block_reader() -> None:
    text = _lock({f"m{index}": {f"src/m{index}.py": "sha256:ab"} for index in range(5)})
    assert _canonical_toml(text) == _plain_toml(text) != {}
    assert _canonical_toml(LockFormat().render(LockDocument())) == {}


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t: t.replace(
            '"src/m1.py" = "sha256:ab"\n', '"src/m1.py" = "sha256:ab"\n' * 2
        ),
        lambda t: t + t[len(HEADER) :],
        lambda t: t.replace(
            'polepos = "0.2.0"\n', 'files = "x"\npolepos = "0.2.0"\n', 1
        ),
        lambda t: t.replace('template = "crud"\n', 'template = "crud"\n' * 2, 1),
        lambda t: t.replace("[modules.m1]", '[modules."m1"]'),
        lambda t: t.replace("sha256:ab", 'sha256:\\"b', 1),
        lambda t: t.replace("\n\n[modules.m2]", "\n[modules.m2]"),
        lambda t: t + "# trailing\n",
        lambda t: t.replace("m1.py", "m1 é.py"),
    ],
)
def test_block_reader_declines_or_agrees_on_near_canonical_text(mutate: Any) -> None:
    text = mutate(
        _lock({f"m{index}": {f"src/m{index}.py": "sha256:ab"} for index in range(3)})
    )
    fast = _canonical_toml(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert fast is None
        return
    assert fast is None or fast == expected


PATH_PIECES = st.sampled_from(
    ["a", "b", "_", "-", ".", "..", "/", ":", "\\", " ", "\x00", "é", "a" * 300]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(PATH_PIECES, max_size=6).map("".join), max_size=4))
def test_plain_path_shortcut_never_passes_a_path_with_a_problem(
    paths: list[str],
) -> None:
    from codemods.lockfile import _all_plain_paths

    if _all_plain_paths(dict.fromkeys(paths, "")):
        assert [path for path in paths if path_problem(path)] == []
