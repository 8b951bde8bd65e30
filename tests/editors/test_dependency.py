"""Golden and rule tests for the `pyproject.toml` dependency editor."""

from __future__ import annotations

import pytest

from codemods import Presence, WiringError
from codemods.dependency import Dependency, Verdict
from codemods.toml_source import TOML_FORMAT

REDIS = Dependency("redis>=5")

GOLDEN: list[tuple[str, str, str, str]] = [
    (
        "multi-line-trailing-comma",
        '[project]\nname = "x"\ndependencies = [\n    "fastapi>=0.115",\n]\n',
        "redis>=5",
        '[project]\nname = "x"\ndependencies = [\n    "fastapi>=0.115",\n'
        '    "redis>=5",\n]\n',
    ),
    (
        "multi-line-no-trailing-comma",
        '[project]\ndependencies = [\n  "a",\n  "b"\n]\n',
        "redis>=5",
        '[project]\ndependencies = [\n  "a",\n  "b",\n  "redis>=5"\n]\n',
    ),
    (
        "inline",
        '[project]\ndependencies = ["a", "b"]  # keep\n',
        "redis>=5",
        '[project]\ndependencies = ["a", "b", "redis>=5"]  # keep\n',
    ),
    (
        "inline-padded",
        '[project]\ndependencies = [ "a" ]\n',
        "redis>=5",
        '[project]\ndependencies = [ "a", "redis>=5" ]\n',
    ),
    (
        "empty",
        "[project]\ndependencies = []\n[tool.x]\ny = 1\n",
        "redis>=5",
        '[project]\ndependencies = ["redis>=5"]\n[tool.x]\ny = 1\n',
    ),
    (
        "comments-and-single-quotes",
        "[project]\ndependencies = [\n    # web\n    'fastapi',  # framework\n"
        "    'uvicorn',\n]\n",
        "aio-pika>=9",
        "[project]\ndependencies = [\n    # web\n    'fastapi',  # framework\n"
        "    'uvicorn',\n    'aio-pika>=9',\n]\n",
    ),
    (
        "crlf",
        '[project]\r\ndependencies = [\r\n    "a",\r\n]\r\n',
        "redis>=5",
        '[project]\r\ndependencies = [\r\n    "a",\r\n    "redis>=5",\r\n]\r\n',
    ),
    (
        "crlf-empty-multi-line-no-final-newline",
        "[project]\r\ndependencies = [\r\n]",
        "redis>=5",
        '[project]\r\ndependencies = [\r\n    "redis>=5"\r\n]',
    ),
    (
        "other-marker-is-another-entry",
        "[project]\ndependencies = [\"redis<4; python_version < '3.9'\"]\n",
        "redis>=5",
        '[project]\ndependencies = ["redis<4; python_version < \'3.9\'", "redis>=5"]\n',
    ),
]


def run(op: Dependency, text: str) -> str:
    """Apply and render."""
    return TOML_FORMAT.render(op.apply(TOML_FORMAT.parse(text)))


def back(op: Dependency, text: str) -> str:
    """Invert and render."""
    return TOML_FORMAT.render(op.invert(TOML_FORMAT.parse(text)))


@pytest.mark.parametrize(("name", "before", "requirement", "after"), GOLDEN)
def test_golden(name: str, before: str, requirement: str, after: str) -> None:
    """Apply gives the golden text, is idempotent, and invert restores every byte."""
    op = Dependency(requirement)
    assert run(op, before) == after
    assert run(op, after) == after
    assert back(op, after) == before
    assert back(op, before) == before
    assert op.observe(TOML_FORMAT.parse(after)).presence is Presence.PRESENT
    assert op.observe(TOML_FORMAT.parse(before)).presence is Presence.ABSENT
    assert op.check(TOML_FORMAT.parse(after)) == []
    assert [f.code for f in op.check(TOML_FORMAT.parse(before))] == ["PP320"]


def test_apply_does_not_mutate_its_input() -> None:
    """Operations are pure: the caller's document is unchanged."""
    text = '[project]\ndependencies = ["a"]\n'
    document = TOML_FORMAT.parse(text)
    REDIS.apply(document)
    assert TOML_FORMAT.render(document) == text


def test_satisfying_pin_is_kept_and_survives_invert() -> None:
    """`aiokafka>=0.13` satisfies `aiokafka>=0.12`: untouched by apply and invert."""
    text = '[project]\ndependencies = [\n    "aiokafka>=0.13",\n]\n'
    op = Dependency("aiokafka>=0.12")
    assert run(op, text) == text
    assert back(op, run(op, text)) == text
    assert op.observe(TOML_FORMAT.parse(text)).presence is Presence.PRESENT


@pytest.mark.parametrize(
    ("existing", "verdict"),
    [
        ("redis<4", Verdict.CONFLICT),
        ("redis==4.*", Verdict.CONFLICT),
        ("redis>=5,<5", Verdict.CONFLICT),
        ("redis>=4", Verdict.TOO_LOOSE),
        ("redis", Verdict.TOO_LOOSE),
        ("redis<6", Verdict.TOO_LOOSE),
        ("redis>=5", Verdict.SATISFIED),
        ("Redis >= 5.1", Verdict.SATISFIED),
        ("redis[hiredis]>=5", Verdict.SATISFIED),
        ("redis==5.0.1", Verdict.SATISFIED),
        ("redis~=5.0", Verdict.SATISFIED),
        ("redis>5", Verdict.SATISFIED),
        ("redis>=5,<6", Verdict.SATISFIED),
        ("redis @ https://example.com/redis.whl", Verdict.SATISFIED),
    ],
)
def test_verdicts(existing: str, verdict: Verdict) -> None:
    """Existing entries are judged by name, extras and version range."""
    document = TOML_FORMAT.parse(f'[project]\ndependencies = ["{existing}"]\n')
    assert REDIS.assess(document).verdict is verdict


def test_missing_extras_are_too_loose() -> None:
    """An entry without a required extra does not satisfy."""
    document = TOML_FORMAT.parse('[project]\ndependencies = ["redis>=5"]\n')
    assessment = Dependency("redis[hiredis]>=5").assess(document)
    assert assessment.verdict is Verdict.TOO_LOOSE


def test_repeated_entries_are_judged_together() -> None:
    """Installers intersect repeated entries: `>=4` plus `>=5.2` satisfies `>=5`."""
    document = TOML_FORMAT.parse(
        '[project]\ndependencies = ["redis>=4", "redis>=5.2"]\n'
    )
    assert REDIS.assess(document).verdict is Verdict.SATISFIED


@pytest.mark.parametrize("existing", ["redis<4", "redis>=4"])
def test_conflict_or_loose_pin_refuses(existing: str) -> None:
    """A pin that does not satisfy is reported by name, never replaced."""
    text = f'[project]\ndependencies = ["{existing}"]\n'
    with pytest.raises(WiringError) as caught:
        run(REDIS, text)
    assert existing in caught.value.message
    assert "redis>=5" in caught.value.message
    observed = REDIS.observe(TOML_FORMAT.parse(text))
    assert observed.presence is Presence.UNMANAGED
    assert observed.lines == (2,)
    assert back(REDIS, text) == text


def test_conflict_finding() -> None:
    """`check` names the conflict with its line and does not offer a fix."""
    text = '[project]\ndependencies = [\n    "redis<4",\n]\n'
    (finding,) = REDIS.check(TOML_FORMAT.parse(text))
    assert (finding.code, finding.line, finding.fixable) == ("PP321", 3, False)


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "x"\n',
        '[tool.poetry]\nname = "x"\n',
        '[project]\ndynamic = ["dependencies"]\n',
        '[project]\ndependencies = "redis"\n',
    ],
)
def test_no_dependencies_array_raises(text: str) -> None:
    """Without `[project].dependencies` apply refuses before doing anything."""
    with pytest.raises(WiringError):
        run(REDIS, text)
    assert back(REDIS, text) == text
    assert [f.code for f in REDIS.check(TOML_FORMAT.parse(text))] == ["PP324"]


def test_user_entry_differing_in_spelling_stays() -> None:
    """Invert removes only the identical string apply writes."""
    text = '[project]\ndependencies = ["redis >= 5"]\n'
    assert run(REDIS, text) == text
    assert back(REDIS, text) == text


def test_duplicated_identical_entry() -> None:
    """The identical requirement twice is DUPLICATED."""
    text = '[project]\ndependencies = ["redis>=5", "redis>=5"]\n'
    assert REDIS.observe(TOML_FORMAT.parse(text)).presence is Presence.DUPLICATED
    assert [f.code for f in REDIS.check(TOML_FORMAT.parse(text))] == ["PP323"]


def test_invalid_requirement_is_refused() -> None:
    """A malformed requirement string is a programming error."""
    with pytest.raises(ValueError, match="invalid requirement"):
        Dependency("redis>=>5")


@pytest.mark.parametrize(
    "text",
    ['[project]\r\nname = "x"\r\n', 'a = 1\n# c\n\n[t]\r\nb = "\\u00e9"', ""],
)
def test_toml_round_trip(text: str) -> None:
    """TomlFormat renders exactly what it parsed, CRLF included."""
    assert TOML_FORMAT.render(TOML_FORMAT.parse(text)) == text


def test_malformed_toml_is_a_wiring_error() -> None:
    """Parsing malformed TOML raises WiringError with a line."""
    with pytest.raises(WiringError) as caught:
        TOML_FORMAT.parse("[project\n")
    assert caught.value.line == 1
