"""Golden and rule tests for the `.poleposition.toml` editors and reader."""

from __future__ import annotations

import pytest

from codemods import Presence, WiringError
from codemods.manifest import (
    ManifestDetached,
    ManifestFlag,
    ManifestIntegration,
    ManifestModule,
    format_module_template,
    new_manifest,
    parse_module_template,
    read_manifest,
)
from codemods.toml_source import TOML_FORMAT

FRESH = new_manifest("shop_api", "sqlite")
Op = ManifestModule | ManifestIntegration | ManifestFlag | ManifestDetached


def run(op: Op, text: str) -> str:
    """Apply and render."""
    return TOML_FORMAT.render(op.apply(TOML_FORMAT.parse(text)))


def back(op: Op, text: str) -> str:
    """Invert and render."""
    return TOML_FORMAT.render(op.invert(TOML_FORMAT.parse(text)))


def test_new_manifest_text() -> None:
    """The fresh manifest is exactly the documented text and reads back cleanly."""
    assert FRESH == (
        "# PolePosition lifecycle manifest: written by polepos, safe to read;"
        " edit with care.\n"
        "[poleposition]\n"
        'package = "shop_api"\n'
        'db = "sqlite"  # sqlite | postgres | none | custom\n'
        "\n"
        "[modules]\n"
        "\n"
        "[integrations]\n"
    )
    manifest = read_manifest(FRESH)
    assert manifest.valid
    assert (manifest.package, manifest.db, manifest.modules) == (
        "shop_api",
        "sqlite",
        {},
    )


GOLDEN: list[tuple[str, str, Op, str]] = [
    (
        "starter-into-empty-modules",
        FRESH,
        ManifestModule("status", "starter"),
        FRESH.replace("[modules]\n", '[modules]\nstatus = "starter"\n'),
    ),
    (
        "integration-into-empty-last-table",
        FRESH,
        ManifestIntegration("redis"),
        FRESH + "redis = true\n",
    ),
    (
        "auth-flag-after-commented-db",
        FRESH,
        ManifestFlag("auth"),
        FRESH.replace("custom\n", "custom\nauth = true\n"),
    ),
    (
        "crlf",
        FRESH.replace("\n", "\r\n"),
        ManifestModule("customers", "crud[pagination,timestamps]"),
        FRESH.replace(
            "[modules]\n", '[modules]\ncustomers = "crud[pagination,timestamps]"\n'
        ).replace("\n", "\r\n"),
    ),
    (
        "no-final-newline",
        FRESH.rstrip("\n"),
        ManifestIntegration("kafka"),
        FRESH + "kafka = true",
    ),
    (
        "after-user-comment",
        '[poleposition]\npackage = "x"\ndb = "none"\n\n[modules]\n'
        'status = "starter"  # first\n# my note\n\n[integrations]\n',
        ManifestModule("orders", "standard"),
        '[poleposition]\npackage = "x"\ndb = "none"\n\n[modules]\n'
        'status = "starter"  # first\n# my note\norders = "standard"\n'
        "\n[integrations]\n",
    ),
]


@pytest.mark.parametrize(("name", "before", "op", "after"), GOLDEN)
def test_golden(name: str, before: str, op: Op, after: str) -> None:
    """Apply gives the golden text, is idempotent, and invert restores every byte."""
    assert run(op, before) == after
    assert run(op, after) == after
    assert back(op, after) == before
    assert back(op, before) == before
    assert op.observe(TOML_FORMAT.parse(after)).presence is Presence.PRESENT
    assert op.observe(TOML_FORMAT.parse(before)).presence is Presence.ABSENT
    assert op.check(TOML_FORMAT.parse(after)) == []
    assert [f.code for f in op.check(TOML_FORMAT.parse(before))] == ["PP016"]


@pytest.mark.parametrize(
    "before", [FRESH, FRESH.rstrip("\n"), FRESH.replace("\n", "\r\n"), "", "a = 1"]
)
def test_detached_creates_and_drops_its_table(before: str) -> None:
    """`[detached]` is appended when absent and dropped again, byte for byte."""
    op = ManifestDetached("billing", "crud")
    after = run(op, before)
    assert read_manifest(after).detached == {"billing": "crud"}
    assert run(op, after) == after
    assert back(op, after) == before
    if before == FRESH:
        assert after == FRESH + '\n[detached]\nbilling = "crud"\n'


def test_entries_stack_and_come_off_in_any_order() -> None:
    """Two entries in one table can be removed in either order."""
    ops = [ManifestIntegration("redis"), ManifestIntegration("kafka")]
    for text in (FRESH, FRESH.rstrip("\n"), FRESH.replace("\n", "\r\n")):
        both = run(ops[1], run(ops[0], text))
        assert back(ops[0], back(ops[1], both)) == text
        assert back(ops[1], back(ops[0], both)) == text


def test_other_value_is_refused_and_kept() -> None:
    """A module recorded with another template is neither overwritten nor removed."""
    text = FRESH.replace("[modules]\n", '[modules]\norders = "crud"\n')
    op = ManifestModule("orders", "standard")
    with pytest.raises(WiringError):
        run(op, text)
    assert back(op, text) == text
    seen = op.observe(TOML_FORMAT.parse(text))
    assert seen.presence is Presence.UNMANAGED
    assert seen.lines == (7,)
    (finding,) = op.check(TOML_FORMAT.parse(text))
    assert not finding.fixable


def test_integer_is_not_true() -> None:
    """`redis = 1` is not the boolean the entry writes."""
    text = FRESH + "redis = 1\n"
    assert ManifestIntegration("redis").observe(TOML_FORMAT.parse(text)).presence is (
        Presence.UNMANAGED
    )


def test_missing_table_raises() -> None:
    """Entries never create their table, so the inverse stays exact."""
    text = '[poleposition]\npackage = "x"\ndb = "none"\n'
    with pytest.raises(WiringError) as caught:
        run(ManifestIntegration("redis"), text)
    assert "[integrations]" in caught.value.message
    assert back(ManifestIntegration("redis"), text) == text
    assert [
        f.code for f in ManifestIntegration("redis").check(TOML_FORMAT.parse(text))
    ] == ["PP015"]


def test_read_manifest_reports_problems_without_raising() -> None:
    """Unknown db, bad templates and bad integration values become findings."""
    text = (
        '[poleposition]\npackage = "x"\ndb = "mongo"\nauth = "yes"\n'
        '[modules]\nstatus = "starter"\na = "crud[foo]"\nb = "weird"\nc = 3\n'
        '[integrations]\nredis = "yes"\nkafka = false\nrq = true\nnats = true\n'
    )
    manifest = read_manifest(text)
    codes = sorted((f.code, f.line) for f in manifest.errors)
    assert codes == [
        ("PP011", 3),
        ("PP012", 7),
        ("PP012", 8),
        ("PP012", 9),
        ("PP013", 4),
        ("PP013", 11),
        ("PP013", 14),
    ]
    assert manifest.modules == {"status": "starter"}
    assert manifest.integrations == ("rq",)
    assert manifest.db is None
    assert manifest.package == "x"
    assert not manifest.auth


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[poleposition\n", "PP010"),
        ("= 1\n", "PP010"),
        ("", "PP015"),
        ('[poleposition]\ndb = "sqlite"\n[modules]\n[integrations]\n', "PP015"),
        ('[poleposition]\npackage = "x"\n[modules]\n[integrations]\n', "PP015"),
        ("poleposition = 3\n[modules]\n[integrations]\n", "PP015"),
    ],
)
def test_read_manifest_never_raises(text: str, code: str) -> None:
    """Malformed and incomplete manifests yield findings, not exceptions."""
    manifest = read_manifest(text)
    assert code in {f.code for f in manifest.errors}


def test_read_manifest_full() -> None:
    """A complete manifest reads into its fields."""
    text = (
        run(
            ManifestFlag("auth"),
            FRESH.replace("[modules]\n", '[modules]\nstatus = "starter"\n'),
        )
        + "redis = true\n"
    )
    manifest = read_manifest(text)
    assert manifest.valid
    assert manifest.auth
    assert manifest.integrations == ("redis",)
    assert manifest.modules == {"status": "starter"}


@pytest.mark.parametrize(
    ("template", "options", "value"),
    [
        ("crud", ("timestamps", "pagination"), "crud[pagination,timestamps]"),
        ("crud", (), "crud"),
        (
            "crud",
            (
                "auth-required",
                "tenant-scoped",
                "soft-delete",
                "timestamps",
                "pagination",
            ),
            "crud[pagination,timestamps,soft-delete,tenant-scoped,auth-required]",
        ),
        ("ai-prompt", (), "ai-prompt"),
    ],
)
def test_template_round_trip(
    template: str, options: tuple[str, ...], value: str
) -> None:
    """Options are written in canonical order and parse back."""
    assert format_module_template(template, options) == value
    parsed = parse_module_template(value)
    assert parsed[0] == template
    assert set(parsed[1]) == set(options)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("crud[nope]", "unknown CRUD option"),
        ("standard[pagination]", "takes no options"),
        ("crud[]", "empty option list"),
        ("crud[a,a]", "given twice"),
        ("unknown", "unknown template"),
        ("CRUD", "not a module template"),
    ],
)
def test_template_errors(value: str, error: str) -> None:
    """Unknown templates and options are refused."""
    with pytest.raises(ValueError, match=error):
        parse_module_template(value)


def test_new_manifest_refuses_bad_input() -> None:
    """Unknown db modes and non-identifier packages are refused."""
    with pytest.raises(ValueError, match="unknown db mode"):
        new_manifest("shop_api", "mongo")
    with pytest.raises(ValueError, match="not a package name"):
        new_manifest("shop-api", "sqlite")
