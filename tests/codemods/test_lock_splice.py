"""The lock's text faces and canonical reader agree with parsing and rendering.

`GeneratedFiles.apply_text`/`invert_text` splice one owner's block into the
canonical text instead of parsing and rendering the whole lock, and
`_canonical_document` reads a canonical lock without the general readers.
Whatever the document, line ending, byte-order mark or sequence of edits, the
result is exactly `LockFormat().render` of the edited document, and a reader
that answers reads what the general readers read, without findings.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codemods import WiringError
from codemods.encoding import BOM, strip_bom
from codemods.lockfile import (
    HEADER,
    GeneratedFiles,
    LockDocument,
    LockFormat,
    _canonical_document,
    _read_general,
    read_lock,
)

SECTIONS = st.sampled_from(["modules", "shared", "project", "Z", "a.b", "x y"])
OWNERS = st.sampled_from(
    ["a", "b", "m1", "m10", "m2", "A", "_x", "-y", "files", "é", 'q"t', "", "o" * 256]
)
PARTS = st.sampled_from(
    [
        "src",
        "a",
        "b.py",
        ".gitignore",
        "..",
        ".",
        "",
        "é",
        "x y",
        'q"',
        "B",
        "_",
        "-",
        "p" * 256,
        "\\",
        "..x",
    ]
)
PATHS = st.lists(PARTS, min_size=1, max_size=3).map("/".join)
HASHES = st.sampled_from(["sha256:00", "sha256:ff", "", 'x"y', "a\\b", "\t"])
NOTE_KEYS = st.sampled_from(["polepos", "template", "added_dependencies", "Zed", "-k"])
NOTE_VALUES = st.sampled_from(["0.2.0", "crud", "redis>=5", "", 'q"', "./x"])
FILES = st.dictionaries(PATHS, HASHES, max_size=4)
ENTRIES = st.builds(
    lambda notes, files: {**notes, "files": files},
    st.dictionaries(NOTE_KEYS, NOTE_VALUES, max_size=3),
    FILES,
)
DOCUMENTS = st.dictionaries(
    SECTIONS, st.dictionaries(OWNERS, ENTRIES, min_size=1, max_size=4), max_size=3
)
OPERATIONS = st.builds(
    GeneratedFiles,
    section=SECTIONS,
    owner=OWNERS,
    files=FILES.map(lambda files: tuple(sorted(files.items()))),
    template=st.sampled_from(["", "crud", 'q"']),
    version=st.sampled_from(["", "0.2.0"]),
    notes=st.dictionaries(NOTE_KEYS, NOTE_VALUES, max_size=2).map(
        lambda notes: tuple(notes.items())
    ),
)
STEPS = st.lists(st.tuples(OPERATIONS, st.booleans()), max_size=5)


def _document(data: dict[str, dict[str, dict[str, object]]], newline: str) -> str:
    document = LockDocument(data)
    document.newline = newline
    return LockFormat().render(document)


def _rendered(text: str, steps: list[tuple[GeneratedFiles, bool]]) -> str | None:
    """The document path alone: parse, apply every step, render (None: refused)."""
    try:
        document = LockFormat().parse(strip_bom(text))
    except WiringError:
        return None
    for operation, record in steps:
        document = operation.apply(document) if record else operation.invert(document)
    rendered = LockFormat().render(document)
    return BOM + rendered if text.startswith(BOM) else rendered


def _faced(text: str, steps: list[tuple[GeneratedFiles, bool]]) -> tuple[str, int]:
    """What the change set does: text faces until one declines, then the
    document path (ChangeSet._run); and how many steps the faces answered."""
    current = strip_bom(text)
    answered = 0
    for done, (operation, record) in enumerate(steps):
        face = operation.apply_text if record else operation.invert_text
        edited = face(current)
        if edited is None:
            rest = _rendered(current, steps[done:])
            assert rest is not None
            current = rest
            break
        current, answered = edited, answered + 1
    else:
        if not steps:
            current = LockFormat().render(LockFormat().parse(current))
    return (BOM + current if text.startswith(BOM) else current), answered


@settings(max_examples=300, deadline=None)
@given(
    DOCUMENTS,
    STEPS,
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
    st.booleans(),
)
def test_text_faces_give_exactly_the_rendered_lock(
    data: dict[str, dict[str, dict[str, object]]],
    steps: list[tuple[GeneratedFiles, bool]],
    newline: str,
    bom: bool,
    empty: bool,
) -> None:
    text = "" if empty else _document(data, newline)
    text = BOM + text if bom else text
    expected = _rendered(text, steps)
    if expected is None:  # a lock the document path refuses: no face answers
        for operation, record in steps[:1]:
            face = operation.apply_text if record else operation.invert_text
            assert face(strip_bom(text)) is None
        return
    assert _faced(text, steps)[0] == expected


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS, st.sampled_from(["\n", "\r\n"]))
def test_canonical_reader_reads_what_the_general_readers_read(
    data: dict[str, dict[str, dict[str, object]]], newline: str
) -> None:
    text = _document(data, newline)
    general, problems = _read_general(text)
    canonical = _canonical_document(text)
    if canonical is not None:
        assert problems == []
        assert canonical[0] == general
        assert canonical[0].newline == general.newline
        assert canonical[1] == sorted(
            (section, owner) for section in general for owner in general[section]
        )


MUTATIONS: list[Callable[[list[str], int], list[str]]] = [
    lambda lines, i: lines[:i] + lines[i + 1 :],  # a line lost
    lambda lines, i: lines[: i + 1] + lines[i:],  # a line repeated
    lambda lines, i: lines[:i]
    + lines[i + 1 : i + 2]
    + lines[i : i + 1]
    + lines[i + 2 :],
    lambda lines, i: [*lines[:i], lines[i] + " ", *lines[i + 1 :]],
    lambda lines, i: [*lines[:i], lines[i].replace('"', ""), *lines[i + 1 :]],
    lambda lines, i: [*lines[:i], lines[i].replace("a", ".."), *lines[i + 1 :]],
    lambda lines, i: [*lines[:i], 'files = "x"', *lines[i:]],
    lambda lines, i: [*lines[:i], "[modules.a.files]", *lines[i:]],
]


@settings(max_examples=300, deadline=None)
@given(
    DOCUMENTS,
    st.lists(
        st.tuples(st.integers(0, len(MUTATIONS) - 1), st.integers(0, 10**6)),
        min_size=1,
        max_size=3,
    ),
)
def test_damaged_locks_get_the_general_readers_findings(
    data: dict[str, dict[str, dict[str, object]]], mutations: list[tuple[int, int]]
) -> None:
    lines = _document(data, "\n").split("\n")
    for which, where in mutations:
        lines = MUTATIONS[which](lines, where % len(lines))
    text = "\n".join(lines)
    document, problems = read_lock(text)
    general, general_problems = _read_general(text)
    assert problems == general_problems
    assert document == general
    if _canonical_document(text) is not None:
        assert LockFormat().render(document) == text


def _lock(modules: int) -> str:
    document = LockDocument(
        modules={
            f"m{index}": {
                "polepos": "0.2.0",
                "template": "crud",
                "files": {f"src/app/modules/m{index}/x.py": "sha256:00"},
            }
            for index in range(modules)
        },
        project={"base": {"files": {".gitignore": "sha256:11"}}},
    )
    return LockFormat().render(document)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_text_faces_answer_for_the_locks_polepos_writes(newline: str) -> None:
    text = _lock(5).replace("\n", newline)
    record = GeneratedFiles("modules", "m22", (("src/m22.py", "sha256:22"),), "crud")
    forget = GeneratedFiles("modules", "m3", ())
    recorded = record.apply_text(text)
    assert recorded == _rendered(text, [(record, True)])
    assert recorded is not None
    assert forget.invert_text(recorded) == _rendered(
        text, [(record, True), (forget, False)]
    )
    assert record.apply_text("") == HEADER + (
        '\n[modules.m22]\ntemplate = "crud"\n\n[modules.m22.files]\n'
        '"src/m22.py" = "sha256:22"\n'
    )


def test_text_faces_decline_a_lock_they_cannot_splice_exactly() -> None:
    record = GeneratedFiles("modules", "m9", (("src/m9.py", "sha256:9"),))
    text = _lock(3)
    first = text.index("\n[modules.m0]\n")
    second = text.index("\n[modules.m1]\n")
    third = text.index("\n[modules.m2]\n")
    unsorted = text[:first] + text[second:third] + text[first:second] + text[third:]
    assert read_lock(unsorted) == read_lock(text)  # the same lock, not in order
    for other in (
        unsorted,
        text.replace('template = "crud"\n', 'template = "crud"\n' * 2, 1),
        text.replace("src/app", "src/../app", 1),
        text.replace("\n", "\r\n").replace("\r\n", "\n", 1),  # `render`: CRLF
        text.replace("[modules.m1]\n", "[modules.m1]\n# note\n"),
        text + "\n",
    ):
        assert record.apply_text(other) is None, other
        assert record.invert_text(other) is None, other


def test_text_faces_decline_an_edit_whose_text_reads_back_otherwise() -> None:
    # A quoted owner or an unusual path is valid but not in the canonical
    # reader's shape: the document path then records it, as before.
    for operation in (
        GeneratedFiles("modules", 'q"t', ()),
        GeneratedFiles("modules", "m9", (("src/x y.py", "sha256:9"),)),
    ):
        assert operation.apply_text(_lock(2)) is None
        assert operation.invert_text(_lock(2)) == _lock(2)


# Mostly lines `render` writes, so that many texts are canonical or nearly.
VALID_NOTES = ['polepos = "0.2.0"', 'template = "crud"', 'template = "x"']
NOTE_LINES = st.sampled_from(
    [*VALID_NOTES, *VALID_NOTES, 'files = "x"', 'Zed = "a = b"', '-k = ""', 'a b = "x"']
)
VALID_FILES = ['"src/a.py" = "sha256:00"', '"src/b.py" = "11"', '".gitignore" = "33"']
REPEATED_OR_UNPLAIN = [
    '"src/a.py" = "22"',
    '"src/./a.py" = "4"',
    '"src/.." = "5"',
    '"a b" = ""',
]
FILE_LINES = st.sampled_from(
    [*VALID_FILES, *VALID_FILES, *REPEATED_OR_UNPLAIN, '"a" = "\\"']
)
KEYS_IN_HEADERS = st.tuples(
    st.sampled_from(["modules", "shared", "files"]),
    st.sampled_from(["a", "b", "files", "m1", "m10", "m2"]),
)
BLOCKS = st.builds(
    lambda key, notes, other, files: (
        f"\n[{key[0]}.{key[1]}]\n"
        + "".join(f"{line}\n" for line in notes)
        + f"\n[{(other or key)[0]}.{(other or key)[1]}.files]\n"
        + "".join(f"{line}\n" for line in files)
    ),
    KEYS_IN_HEADERS,
    st.lists(NOTE_LINES, max_size=3).map(sorted) | st.lists(NOTE_LINES, max_size=3),
    st.sampled_from([None, None, None, ("modules", "b")]),
    st.lists(FILE_LINES, max_size=4).map(sorted) | st.lists(FILE_LINES, max_size=4),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(BLOCKS, max_size=5).map(sorted) | st.lists(BLOCKS, max_size=5))
def test_canonical_reader_reads_any_lock_as_the_general_readers_or_declines(
    blocks: list[str],
) -> None:
    text = HEADER + "".join(blocks)
    canonical = _canonical_document(text)
    if canonical is not None:
        general, problems = _read_general(text)
        assert problems == []
        assert canonical[0] == general
        assert LockFormat().render(general) == text
