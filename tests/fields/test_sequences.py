"""Random sequences of add/remove field, add/remove module and rename module.

After every step `polepos check` passes; undoing the whole sequence, last step
first, gives the starting tree back byte for byte.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pole_position.cli.main import main
from tests.conftest import tree_digest

TEMPLATES = {
    "standard": ("--template", "standard"),
    "crud": ("--template", "crud", "--timestamps", "--soft-delete"),
    "service-only": ("--service-only",),
}
MODULES = ("alpha", "beta")
NEW_NAMES = ("gamma", "delta")  # what `rename module` may rename a module to
FIELDS = {
    "email": ("str", "str:unique", "str:optional"),
    "visits": ("int", "int:index", "bigint:optional"),
    "born": ("date", "datetime:optional", "uuid:unique"),
    "price": ("decimal", "float:index", "json:optional"),
    "flag": ("bool", "text:optional"),
}

Step = tuple[str, ...]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one crud module, built once and copied per example."""
    parent = tmp_path_factory.mktemp("pristine")
    with _inside(parent):
        assert main(["start", "shop-api"]) == 0
    root = parent / "shop-api"
    with _inside(root):
        assert main(["add", "module", "orders", "--template", "crud"]) == 0
    return root


class _inside:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> None:
        self.previous = os.getcwd()
        os.chdir(self.folder)

    def __exit__(self, *exc: object) -> None:
        os.chdir(self.previous)


def _run(root: Path, step: Step) -> None:
    with _inside(root):
        assert main(list(step)) == 0, step
        assert main(["check"]) == 0, step


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_sequences_check_at_every_step_and_undo_exactly(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    root = tmp_path_factory.mktemp("sequence") / "shop-api"
    shutil.copytree(pristine, root)
    start = tree_digest(root)
    base = "orders"  # the module every sequence starts with (renames move it)
    modules: dict[str, str] = {base: "crud"}
    fields: dict[str, list[str]] = {base: []}  # specs, in the order added
    undo: list[list[Step]] = []

    for _ in range(data.draw(st.integers(1, 5), label="length")):
        choices = ["add field"]
        if any(fields.values()):
            choices.append("remove field")
        if set(MODULES) - set(modules):
            choices.append("add module")
        if set(modules) - {base}:
            choices.append("remove module")
        if set(NEW_NAMES) - set(modules):
            choices.append("rename module")
        kind = data.draw(st.sampled_from(choices), label="step")
        if kind == "add module":
            name = data.draw(st.sampled_from(sorted(set(MODULES) - set(modules))))
            template = data.draw(st.sampled_from(sorted(TEMPLATES)))
            _run(root, ("add", "module", name, *TEMPLATES[template]))
            modules[name], fields[name] = template, []
            undo.append([("remove", "module", name)])
        elif kind == "remove module":
            name = data.draw(st.sampled_from(sorted(set(modules) - {base})))
            template, specs = modules.pop(name), fields.pop(name)
            _run(root, ("remove", "module", name))
            steps = [("add", "module", name, *TEMPLATES[template])]
            if specs:
                steps.append(("add", "field", name, *specs))
            undo.append(steps)
        elif kind == "rename module":
            old = data.draw(st.sampled_from(sorted(modules)))
            new = data.draw(st.sampled_from(sorted(set(NEW_NAMES) - set(modules))))
            _run(root, ("rename", "module", old, new))
            modules[new], fields[new] = modules.pop(old), fields.pop(old)
            base = new if old == base else base
            undo.append([("rename", "module", new, old)])
        elif kind == "add field":
            name = data.draw(st.sampled_from(sorted(modules)))
            taken = {spec.split(":")[0] for spec in fields[name]}
            free = sorted(set(FIELDS) - taken)
            if not free:
                continue
            chosen = data.draw(st.lists(st.sampled_from(free), min_size=1, unique=True))
            specs = [f"{f}:{data.draw(st.sampled_from(FIELDS[f]))}" for f in chosen]
            _run(root, ("add", "field", name, *specs))
            fields[name] += specs
            undo.append([("remove", "field", name, *chosen)])
        else:
            name = data.draw(st.sampled_from(sorted(m for m in fields if fields[m])))
            chosen_specs = data.draw(
                st.lists(st.sampled_from(fields[name]), min_size=1, unique=True)
            )
            names = [spec.split(":")[0] for spec in chosen_specs]
            _run(root, ("remove", "field", name, *names))
            fields[name] = [s for s in fields[name] if s not in chosen_specs]
            undo.append([("add", "field", name, *chosen_specs)])

    for steps in reversed(undo):
        for step in steps:
            _run(root, step)
    assert tree_digest(root) == start
