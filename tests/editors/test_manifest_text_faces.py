"""The manifest's line reader and text faces agree with tomlkit wherever they answer."""

from __future__ import annotations

import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st
from tomlkit.exceptions import TOMLKitError

from codemods import WiringError
from codemods.fields_manifest import ManifestFields
from codemods.manifest import (
    ManifestDetached,
    ManifestFlag,
    ManifestIntegration,
    ManifestModule,
    new_manifest,
    read_manifest,
)
from codemods.toml_lines import scan
from codemods.toml_source import TOML_FORMAT

NAMES = st.sampled_from(["status", "orders", "m001", "extra", "auth", "redis"])
LINES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "# comment",
            "#\tcomment",
            "[poleposition]",
            "[modules]",
            "[integrations]",
            "[detached]",
            "[fields]",
            "[modules] # trailing",
            "[modules.sub]",
            " [modules]",
            'package = "shop"',
            'db = "sqlite"  # sqlite | postgres',
            'db = "sqlite" # one space',
            'db = "sqlite"#none',
            "auth = true",
            "auth = false",
            "redis = true",
            'status = "starter"',
            'orders = "crud[pagination]"',
            'extra = "crud"',
            'extra = "standard"',
            "extra = true",
            'extra = "x\\"y"',
            "extra = 'crud'",
            'extra="crud"',
            ' extra = "crud"',
            'a.b = "x"',
            "n = 1",
            'é = "x"',
            'x = "é"',
            'orders = "email:str:unique"',
            'orders = "email:str:unique"  # kept',
            'status = "phone:str" # one space',
            'm001 = "email:str:unique phone:str"',
        ]
    ),
    st.builds(lambda k, v: f'{k} = "{v}"', NAMES, NAMES),
)
OPERATIONS = st.one_of(
    st.builds(
        ManifestModule,
        NAMES,
        st.sampled_from(["crud", "standard", "crud[pagination]", "starter"]),
    ),
    st.builds(ManifestIntegration, st.sampled_from(["redis", "kafka"])),
    st.builds(ManifestFlag, st.sampled_from(["auth", "extra"])),
    st.builds(ManifestDetached, NAMES, st.sampled_from(["crud", "standard"])),
    st.builds(
        ManifestFields,
        NAMES,
        st.sampled_from(["", "email:str:unique", "phone:str", "status"]),
        st.sampled_from(
            ["", "email:str:unique", "phone:str", "email:str:unique a:int"]
        ),
    ),
)


def _text(lines: list[str], terminated: bool) -> str:
    text = "\n".join(lines)
    return text + "\n" if terminated and lines else text


def _by_tomlkit(operation: object, direction: str, text: str) -> tuple[str, str | None]:
    """("ok", text) or ("error", None): what the tomlkit face does."""
    try:
        document = TOML_FORMAT.parse(text)
        face = getattr(operation, direction)
        return "ok", TOML_FORMAT.render(face(document))
    except WiringError:
        return "error", None


@settings(max_examples=500, deadline=None)
@given(st.lists(LINES, max_size=10), st.booleans())
def test_plain_reader_matches_tomlkit_or_declines(
    lines: list[str], terminated: bool
) -> None:
    text = _text(lines, terminated)
    plain = scan(text)
    try:
        expected = tomlkit.parse(text).unwrap()
    except TOMLKitError:
        assert plain is None, text
        return
    assert plain is None or plain.data() == expected, text
    if plain is not None:
        assert plain.text() == text


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(LINES, max_size=10),
    st.booleans(),
    OPERATIONS,
    st.sampled_from(["apply", "invert"]),
)
def test_text_faces_match_tomlkit_or_decline(
    lines: list[str], terminated: bool, operation: object, direction: str
) -> None:
    text = _text(lines, terminated)
    face = getattr(operation, f"{direction}_text")
    answer = face(text)
    if answer is None:
        return
    outcome, expected = _by_tomlkit(operation, direction, text)
    assert outcome == "ok", text
    assert answer == expected, text


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=10), OPERATIONS)
def test_text_apply_then_invert_is_exact(lines: list[str], operation: object) -> None:
    text = _text(lines, True)
    applied = operation.apply_text(text)  # type: ignore[attr-defined]
    if applied is None or applied == text:
        return
    assert operation.invert_text(applied) in (text, None)  # type: ignore[attr-defined]


def test_generated_manifests_take_the_text_path() -> None:
    """The shapes `start` and `add` write are all decided without tomlkit."""
    text = new_manifest("shop", "sqlite")
    for index in range(3):
        edited = ManifestModule(f"m{index}", "crud").apply_text(text)
        assert edited is not None
        text = edited
    edited = ManifestIntegration("redis").apply_text(text)
    assert edited is not None
    edited = ManifestFlag("auth").apply_text(edited)
    assert edited is not None
    assert scan(edited) is not None
    manifest = read_manifest(edited)
    assert manifest.valid
    assert list(manifest.modules) == ["m0", "m1", "m2"]
    assert manifest.integrations == ("redis",)
    assert manifest.auth
    back = ManifestModule("m1", "crud").invert_text(edited)
    assert back is not None
    assert "m1" not in back
    assert "m0" in back


def test_reader_fast_path_reads_what_tomlkit_reads() -> None:
    text = new_manifest("shop", "postgres") + '\n[fields]\norders = "email:str"\n'
    fast = read_manifest(text)
    slow = read_manifest(text, document=tomlkit.parse(text))
    assert scan(text) is not None
    assert fast == slow
    assert fast.fields == slow.fields == {"orders": "email:str"}


SPECS = st.lists(st.sampled_from(["email:str:unique", "visits:int", "note:str"]))


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.lists(st.tuples(st.sampled_from(["m0", "m1", "m2"]), SPECS), max_size=8),
    st.booleans(),
)
def test_fields_on_generated_manifests_take_the_text_path(
    modules: int, steps: list[tuple[str, list[str]]], detached: bool
) -> None:
    """`add field` and `remove field` as the plans run them: [fields] created,
    changed in place and dropped on lines, as tomlkit does it, each step exact."""
    text = new_manifest("shop", "sqlite")
    for index in range(modules):
        text = ManifestModule(f"m{index}", "crud").apply_text(text) or ""
    recorded: dict[str, str] = {}
    for module, specs in steps:
        before = recorded.get(module, "")
        after = " ".join(specs)
        operation = ManifestFields(module, before, after)
        edited = operation.apply_text(text)
        assert edited is not None, (text, operation)
        assert edited == TOML_FORMAT.render(operation.apply(TOML_FORMAT.parse(text)))
        back = operation.invert_text(edited)
        assert back == TOML_FORMAT.render(operation.invert(TOML_FORMAT.parse(edited)))
        if after:  # remove(add) and a change undone give the text back exactly
            assert back == text
        assert scan(edited) is not None
        text = edited
        recorded = {
            key: value for key, value in {**recorded, module: after}.items() if value
        }
        assert read_manifest(text).fields == recorded
        if detached and module == "m0":
            # `remove module --wiring-only` appends [detached] after [fields].
            text = ManifestDetached("gone", "crud").apply_text(text) or ""
            assert "[detached]" in text
            detached = False
    if not recorded and "[detached]" not in text:
        # The last field's removal dropped the table (with [detached] after
        # it, both faces keep the empty header).
        assert "[fields]" not in text
