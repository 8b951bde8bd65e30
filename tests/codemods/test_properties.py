"""Property tests: random add/remove sequences over the managed files."""

from __future__ import annotations

import keyword
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods import Presence, export, model, router
from codemods.export import module_export
from codemods.model import ModelImport
from codemods.python_source import PYTHON
from codemods.router import RouterWiring
from tests.codemods._support import (
    PACKAGE,
    is_black_clean,
    is_isort_clean,
    managed_file,
)

# Module names up to 30 characters: long enough that the model and router imports
# wrap past 88 columns, which black and isort must both accept at every step.
NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,29}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name) and not keyword.issoftkeyword(name)
)
STEPS = st.lists(
    st.tuples(st.booleans(), NAMES, st.permutations([0, 1, 2])), max_size=12
)
FILES = ("api/router.py", "db/models.py", "modules/__init__.py")


def _operations(name: str) -> list[Any]:
    return [
        RouterWiring(package=PACKAGE, module=name),
        ModelImport(package=PACKAGE, module=name),
        module_export(PACKAGE, name),
    ]


def _wired(index: int, document: Any) -> list[str]:
    if index == 0:
        return router.wired_modules(document, PACKAGE)
    if index == 1:
        return model.wired_modules(document, PACKAGE)
    return export.wired_names(document)


@pytest.mark.parametrize("source", ["template", "doc"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_add_remove_sequences_return_to_the_original(
    source: str, steps: list[tuple[bool, str, list[int]]]
) -> None:
    originals = [managed_file(path, source) for path in FILES]
    texts = list(originals)
    wired: set[str] = set()
    for add, name, order in steps:
        operations = _operations(name)
        for index in order:
            document = PYTHON.parse(texts[index])
            operation = operations[index]
            changed = operation.apply(document) if add else operation.invert(document)
            texts[index] = PYTHON.render(changed)
        if add:
            wired.add(name)
        else:
            wired.discard(name)
        for index, text in enumerate(texts):
            document = PYTHON.parse(text)
            assert _wired(index, document) == sorted(wired, key=_natural)
            presence = _operations(name)[index].observe(document).presence
            assert presence is (Presence.PRESENT if name in wired else Presence.ABSENT)
            assert is_black_clean(text), text
            if index < 2:
                assert is_isort_clean(text), text
    for name in sorted(wired):
        for index, operation in enumerate(_operations(name)):
            texts[index] = PYTHON.render(operation.invert(PYTHON.parse(texts[index])))
    assert texts == originals


def _natural(name: str) -> Any:
    from codemods.python_source import natural_key

    return natural_key(name)


def test_observe_agrees_for_every_wired_name() -> None:
    text = managed_file("api/router.py")
    names = ["b", "a10", "a", "a_b", "user", "users"]
    for name in names:
        text = PYTHON.render(
            RouterWiring(package=PACKAGE, module=name).apply(PYTHON.parse(text))
        )
    document = PYTHON.parse(text)
    for name in names:
        assert RouterWiring(package=PACKAGE, module=name).observe(
            document
        ).presence is (Presence.PRESENT)
    assert RouterWiring(package=PACKAGE, module="use").observe(document).presence is (
        Presence.ABSENT
    )
    assert is_isort_clean(text)
    assert is_black_clean(text)
