"""Three-way merge properties: the user's edits and the template's changes survive."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pole_position.cli.services.plans.upgrade.merge import (
    has_conflict_markers,
    merge_three_way,
)

line = st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n", "x = 1\n", "\n"])
texts = st.lists(line, max_size=12).map("".join)


def merge(base: str, ours: str, theirs: str) -> tuple[str, int]:
    result = merge_three_way(
        base, ours, theirs, old_version="0.1.0", new_version="0.2.0"
    )
    return result.text, result.conflicts


@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_no_user_edit_gives_the_new_render(base: str, theirs: str) -> None:
    assert merge(base, base, theirs) == (theirs, 0)


@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_no_template_change_keeps_the_users_file(base: str, ours: str) -> None:
    assert merge(base, ours, base) == (ours, 0)


@given(texts, texts, texts)
@settings(max_examples=300, deadline=None)
def test_a_line_only_one_side_has_is_never_lost(
    base: str, ours: str, theirs: str
) -> None:
    text, conflicts = merge(base, ours, theirs)
    result = text.splitlines(keepends=True)
    base_lines = set(base.splitlines(keepends=True))
    for added in (set(ours.splitlines(keepends=True)) - base_lines) | (
        set(theirs.splitlines(keepends=True)) - base_lines
    ):
        assert added in result
    assert (conflicts > 0) == has_conflict_markers(text)


def test_conflicts_use_git_markers_with_versions() -> None:
    text, conflicts = merge("a\nb\nc\n", "a\nmine\nc\n", "a\nnew\nc\n")
    assert conflicts == 1
    assert text == (
        "a\n<<<<<<< project\nmine\n||||||| polepos 0.1.0\nb\n=======\nnew\n"
        ">>>>>>> polepos 0.2.0\nc\n"
    )


def test_clean_merge_of_separate_edits() -> None:
    base = "one\ntwo\nthree\nfour\nfive\n"
    ours = "one\ntwo (mine)\nthree\nfour\nfive\n"
    theirs = "one\ntwo\nthree\nfour\nfive (new)\n"
    assert merge(base, ours, theirs) == (
        "one\ntwo (mine)\nthree\nfour\nfive (new)\n",
        0,
    )


def test_users_crlf_bom_and_missing_final_newline_survive() -> None:
    base = "a\nb\nc\n"
    theirs = "a\nb\nc\nd\n"
    ours = "\ufeffA\r\nb\r\nc"
    text, conflicts = merge(base, ours, theirs)
    assert conflicts == 0
    assert text == "\ufeffA\r\nb\r\nc\r\nd"
