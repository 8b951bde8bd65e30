"""The lock's line reader agrees with tomllib wherever it answers at all."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codemods.containment import path_problem
from codemods.lockfile import LockDocument, LockFormat, _plain_toml, read_lock

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
