"""Golden and rule tests for the `.env.example` editor (`codemods.env`)."""

from __future__ import annotations

import pytest

from codemods import Presence, WiringError
from codemods.env import ENV_FORMAT, EnvBlock, EnvDocument

REDIS = EnvBlock(
    marker="# polepos:integration-env",
    required=(("REDIS_ENABLED", "false"), ("REDIS_URL", "redis://localhost:6379/0")),
    header="Redis: polepos add integration redis",
)
KAFKA = EnvBlock(
    marker="# polepos:integration-env",
    required=(
        ("KAFKA_ENABLED", "false"),
        ("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
    ),
    optional=(("KAFKA_CLIENT_ID", "shop-api"),),
    header="Kafka: polepos add integration kafka",
)
AUTH = EnvBlock(
    marker="# polepos:auth-env",
    required=(("JWT_ALGORITHM", "HS256"),),
    optional=(("JWT_ISSUER", ""),),
)

EMPTY = """\
APP_NAME=shop-api
JWT_SECRET=change-me

# polepos:auth-env

# polepos:llm-env

# polepos:integration-env
"""

GOLDEN: list[tuple[str, str, EnvBlock, str]] = [
    (
        "empty-project",
        EMPTY,
        REDIS,
        EMPTY.replace(
            "# polepos:integration-env\n",
            "# Redis: polepos add integration redis\n"
            "REDIS_ENABLED=false\n"
            "REDIS_URL=redis://localhost:6379/0\n"
            "# polepos:integration-env\n",
        ),
    ),
    (
        "optional-commented",
        EMPTY,
        KAFKA,
        EMPTY.replace(
            "# polepos:integration-env\n",
            "# Kafka: polepos add integration kafka\n"
            "KAFKA_ENABLED=false\n"
            "KAFKA_BOOTSTRAP_SERVERS=localhost:9092\n"
            "# KAFKA_CLIENT_ID=shop-api\n"
            "# polepos:integration-env\n",
        ),
    ),
    (
        "headerless",
        EMPTY,
        AUTH,
        EMPTY.replace(
            "# polepos:auth-env\n",
            "JWT_ALGORITHM=HS256\n# JWT_ISSUER=\n# polepos:auth-env\n",
        ),
    ),
    (
        "crlf-no-final-newline",
        "A=1\r\n\r\n# polepos:integration-env",
        REDIS,
        "A=1\r\n\r\n# Redis: polepos add integration redis\r\n"
        "REDIS_ENABLED=false\r\nREDIS_URL=redis://localhost:6379/0\r\n"
        "# polepos:integration-env",
    ),
    (
        "commented-key-counts-as-missing",
        "# KAFKA_BOOTSTRAP_SERVERS=broker:9092\n# polepos:integration-env\n",
        KAFKA,
        "# KAFKA_BOOTSTRAP_SERVERS=broker:9092\n"
        "# Kafka: polepos add integration kafka\n"
        "KAFKA_ENABLED=false\n"
        "KAFKA_BOOTSTRAP_SERVERS=localhost:9092\n"
        "# KAFKA_CLIENT_ID=shop-api\n"
        "# polepos:integration-env\n",
    ),
    (
        "active-key-elsewhere-not-duplicated",
        "KAFKA_ENABLED=true\n# KAFKA_CLIENT_ID=mine\n\n# polepos:integration-env\n",
        KAFKA,
        "KAFKA_ENABLED=true\n# KAFKA_CLIENT_ID=mine\n\n"
        "# Kafka: polepos add integration kafka\n"
        "KAFKA_BOOTSTRAP_SERVERS=localhost:9092\n"
        "# polepos:integration-env\n",
    ),
    (
        "marker-followed-by-user-lines",
        "# polepos:integration-env\nLOG_LEVEL=info\n",
        REDIS,
        "# Redis: polepos add integration redis\nREDIS_ENABLED=false\n"
        "REDIS_URL=redis://localhost:6379/0\n"
        "# polepos:integration-env\nLOG_LEVEL=info\n",
    ),
]


def run(block: EnvBlock, text: str) -> str:
    """Apply one block to text and render."""
    return ENV_FORMAT.render(block.apply(ENV_FORMAT.parse(text)))


def back(block: EnvBlock, text: str) -> str:
    """Invert one block on text and render."""
    return ENV_FORMAT.render(block.invert(ENV_FORMAT.parse(text)))


@pytest.mark.parametrize(("name", "before", "block", "after"), GOLDEN)
def test_golden(name: str, before: str, block: EnvBlock, after: str) -> None:
    """Apply gives the golden text, is idempotent, and invert restores every byte."""
    assert run(block, before) == after
    assert run(block, after) == after
    assert back(block, after) == before
    assert back(block, before) == before
    assert block.observe(ENV_FORMAT.parse(after)).presence is Presence.PRESENT
    assert block.observe(ENV_FORMAT.parse(before)).presence is Presence.ABSENT
    assert block.check(ENV_FORMAT.parse(after)) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A=1",
        "A=1\n",
        "A=1\r\n",
        "\n\n",
        "# c\r\nB=2\nC=3",
        "A=1\rB=2\n",
        "x\u2028y\n",
    ],
)
def test_document_round_trip(text: str) -> None:
    """Parsing and rendering is the identity, whatever the line endings."""
    assert EnvDocument.parse(text).render() == text


def test_two_blocks_removed_in_either_order() -> None:
    """Stacked blocks come off in any order and leave the others byte-identical."""
    both = run(KAFKA, run(REDIS, EMPTY))
    assert back(REDIS, back(KAFKA, both)) == EMPTY
    assert back(KAFKA, back(REDIS, both)) == EMPTY
    assert back(REDIS, both) == run(KAFKA, EMPTY)


def test_missing_marker_names_file_and_marker() -> None:
    """Apply without the marker refuses and says which marker in which file."""
    with pytest.raises(WiringError) as caught:
        REDIS.apply(EnvDocument.parse("A=1\n"))
    assert ".env.example" in caught.value.message
    assert "polepos:integration-env" in caught.value.message
    assert caught.value.path == ".env.example"


def test_check_findings_carry_lines() -> None:
    """Missing, commented-only and duplicated keys each get a located finding."""
    text = (
        "REDIS_ENABLED=false\n# REDIS_URL=redis://x\nREDIS_ENABLED=true\n"
        "# polepos:integration-env\n"
    )
    findings = REDIS.check(ENV_FORMAT.parse(text))
    by_code = {finding.code: finding for finding in findings}
    assert by_code["PP311"].line == 2
    assert by_code["PP311"].fixable
    assert by_code["PP312"].line == 3
    missing = KAFKA.check(ENV_FORMAT.parse(text))
    assert {f.code for f in missing} == {"PP310"}
    assert all(f.line == 4 for f in missing)


def test_observe_duplicated() -> None:
    """A required key set twice is DUPLICATED, with both lines."""
    text = "REDIS_ENABLED=false\nREDIS_URL=a\nREDIS_URL=b\n# polepos:integration-env\n"
    seen = REDIS.observe(ENV_FORMAT.parse(text))
    assert seen.presence is Presence.DUPLICATED
    assert seen.lines == (2, 3)


def test_fix_without_marker_is_not_fixable() -> None:
    """Without the marker a missing key cannot be fixed automatically."""
    findings = REDIS.check(ENV_FORMAT.parse("A=1\n"))
    assert findings
    assert not any(f.fixable for f in findings)


def test_invert_leaves_user_lines_matching_block_outside_region() -> None:
    """Lines equal to block lines but outside the managed region stay."""
    text = "REDIS_ENABLED=false\n# polepos:auth-env\n# polepos:integration-env\n"
    assert back(REDIS, text) == text


def test_invalid_blocks_are_refused() -> None:
    """Bad markers, keys or repeated keys are programming errors."""
    with pytest.raises(ValueError, match="not a polepos marker comment"):
        EnvBlock(marker="integration-env", required=(("A", "1"),))
    with pytest.raises(ValueError, match="not an env key"):
        EnvBlock(marker="# polepos:x", required=(("1A", "1"),))
    with pytest.raises(ValueError, match="an env key appears twice"):
        EnvBlock(marker="# polepos:x", required=(("A", "1"),), optional=(("A", "2"),))
