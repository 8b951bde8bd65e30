"""Property tests: any interleaving of adds and removes restores the original bytes."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from codemods import Presence
from codemods.dependency import Dependency
from codemods.env import ENV_FORMAT, EnvBlock
from codemods.manifest import (
    ManifestDetached,
    ManifestFlag,
    ManifestIntegration,
    ManifestModule,
    new_manifest,
)
from codemods.toml_source import TOML_FORMAT

ENV_OPS = [
    EnvBlock(
        "# polepos:integration-env",
        (("REDIS_ENABLED", "false"), ("REDIS_URL", "redis://localhost:6379/0")),
        header="Redis: polepos add integration redis",
    ),
    EnvBlock(
        "# polepos:integration-env",
        (("KAFKA_ENABLED", "false"), ("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")),
        (("KAFKA_CLIENT_ID", "app"),),
        header="Kafka: polepos add integration kafka",
    ),
    EnvBlock(
        "# polepos:integration-env",
        (("RQ_ENABLED", "false"),),
        (("RQ_QUEUE", "default"),),
        header="RQ: polepos add integration rq",
    ),
    EnvBlock(
        "# polepos:auth-env", (("JWT_ALGORITHM", "HS256"),), (("JWT_ISSUER", ""),)
    ),
    EnvBlock(
        "# polepos:llm-env",
        (("LLM_PROVIDER", "none"),),
        (("OPENAI_API_KEY", ""),),
        header="LLM providers: polepos add module --template ai-prompt",
    ),
]
USER_ENV_LINES = [
    "APP_NAME=shop",
    "# a comment",
    "",
    "# REDIS_URL=redis://elsewhere",
    "# KAFKA_BOOTSTRAP_SERVERS=broker:9092",
    "KAFKA_ENABLED=true",
    "# KAFKA_CLIENT_ID=mine",
    "export DEBUG=1",
    "   ",
    "RQ_QUEUE=high",
]
MARKERS = ["# polepos:auth-env", "# polepos:llm-env", "# polepos:integration-env"]


@st.composite
def env_texts(draw: st.DrawFn) -> str:
    """An env file: the three markers in order, user lines anywhere, any endings."""
    lines: list[str] = []
    for marker in MARKERS:
        lines += draw(st.lists(st.sampled_from(USER_ENV_LINES), max_size=3))
        lines.append(marker)
    lines += draw(st.lists(st.sampled_from(USER_ENV_LINES), max_size=2))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    return text + newline if draw(st.booleans()) else text


@st.composite
def pyproject_texts(draw: st.DrawFn) -> str:
    """A pyproject with a dependencies array in one of the styles people write."""
    entries = draw(
        st.lists(
            st.sampled_from(
                ['"fastapi>=0.115"', "'uvicorn'", '"aiokafka>=0.13"', '"pydantic"']
            ),
            unique=True,
            max_size=3,
        )
    )
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    style = draw(st.sampled_from(["inline", "multi-comma", "multi-bare", "padded"]))
    if style == "inline":
        array = "[" + ", ".join(entries) + "]"
    elif style == "padded":
        array = "[ " + ", ".join(entries) + " ]" if entries else "[]"
    else:
        items = [f"    {entry}," for entry in entries]
        if style == "multi-bare" and items:
            items[-1] = items[-1][:-1]
        array = newline.join(["[", *items, "]"])
    text = newline.join(
        [
            "[project]",
            'name = "shop"',
            f"dependencies = {array}",
            "",
            "[tool.x]",
            "y = 1",
        ]
    )
    return text + newline if draw(st.booleans()) else text


@st.composite
def manifest_texts(draw: st.DrawFn) -> str:
    """A manifest as `start` writes it, perhaps edited, in LF or CRLF."""
    text = new_manifest("shop", draw(st.sampled_from(["sqlite", "none"])))
    if draw(st.booleans()):
        text = text.replace("[modules]\n", '[modules]\nstatus = "starter"  # starter\n')
    if draw(st.booleans()):
        text = text.replace("[integrations]\n", "[integrations]\n# integrations here\n")
    if draw(st.booleans()):
        text = text.rstrip("\n")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


DEP_OPS = [
    Dependency("redis>=5"),
    Dependency("aiokafka>=0.12"),
    Dependency("aio-pika>=9"),
    Dependency("rq>=1.16"),
]
MANIFEST_OPS: list[Any] = [
    ManifestModule("customers", "crud[pagination,timestamps]"),
    ManifestModule("orders", "standard"),
    ManifestIntegration("redis"),
    ManifestIntegration("kafka"),
    ManifestFlag("auth"),
    ManifestDetached("billing", "crud"),
    ManifestDetached("legacy", "standard"),
]


def interleave(
    fmt: Any, ops: list[Any], text: str, steps: list[int], order: list[int]
) -> None:
    """Toggle operations per `steps`, then remove the rest in `order`: bytes return."""
    document = fmt.parse(text)
    applied: set[int] = set()
    for step in steps:
        op = ops[step]
        if step in applied:
            document = op.invert(document)
            applied.discard(step)
            assert op.observe(document).presence is not Presence.PRESENT or (
                op.observe(fmt.parse(text)).presence is Presence.PRESENT
            )
        else:
            once = op.apply(document)
            assert fmt.render(op.apply(once)) == fmt.render(once)
            # DUPLICATED only when the user's own lines already set a key twice.
            assert op.observe(once).presence in (Presence.PRESENT, Presence.DUPLICATED)
            document = once
            applied.add(step)
        document = fmt.parse(fmt.render(document))
    for index in order:
        if index in applied:
            document = ops[index].invert(document)
            applied.discard(index)
    for index in sorted(applied):
        document = ops[index].invert(document)
    assert fmt.render(document) == text


@settings(max_examples=150, deadline=None)
@given(
    env_texts(),
    st.lists(st.integers(0, len(ENV_OPS) - 1), max_size=8),
    st.permutations(range(len(ENV_OPS))),
)
def test_env_blocks_return_to_original(
    text: str, steps: list[int], order: list[int]
) -> None:
    """Env blocks added and removed in any order leave the file byte-identical."""
    interleave(ENV_FORMAT, ENV_OPS, text, steps, order)


@settings(max_examples=150, deadline=None)
@given(
    pyproject_texts(),
    st.lists(st.integers(0, len(DEP_OPS) - 1), max_size=8),
    st.permutations(range(len(DEP_OPS))),
)
def test_dependencies_return_to_original(
    text: str, steps: list[int], order: list[int]
) -> None:
    """Dependencies added and removed in any order leave pyproject byte-identical."""
    interleave(TOML_FORMAT, DEP_OPS, text, steps, order)


@settings(max_examples=150, deadline=None)
@given(
    manifest_texts(),
    st.lists(st.integers(0, len(MANIFEST_OPS) - 1), max_size=8),
    st.permutations(range(len(MANIFEST_OPS))),
)
def test_manifest_entries_return_to_original(
    text: str, steps: list[int], order: list[int]
) -> None:
    """Manifest entries added and removed in any order leave the file byte-identical."""
    interleave(TOML_FORMAT, MANIFEST_OPS, text, steps, order)
