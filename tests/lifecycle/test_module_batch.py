"""`add module a b c` and `remove module a b c`: one change set, one parse per file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import libcst
import pytest

from pole_position.cli.services.plans.module.remove import plan_remove_modules
from pole_position.cli.services.project.locate import locate_project
from pole_position.cli.services.project.state import load_state
from tests.conftest import Runner, tree_digest


@pytest.mark.parametrize("template", ["crud", "standard", "ai-prompt"])
def test_batch_remove_undoes_batch_add_byte_for_byte(
    polepos: Runner, project: Path, template: str
) -> None:
    before = tree_digest(project)
    added = polepos("add", "module", "alpha", "beta", "gamma", "-t", template)
    assert added.exit_code == 0, added.stderr
    for name in ("alpha", "beta", "gamma"):
        assert f"Added module {name} " in added.stdout
        assert (project / "src/shop_api/modules" / name / "__init__.py").is_file()
    assert polepos("check").exit_code == 0
    removed = polepos("remove", "module", "alpha", "beta", "gamma")
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before


def test_batch_remove_in_another_order_leaves_a_passing_project(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    assert polepos("add", "module", "alpha", "beta", "-t", "ai-prompt").exit_code == 0
    # The scaffold goes with the batch's first ai-prompt module, whatever the order.
    assert polepos("remove", "module", "beta", "alpha").exit_code == 0
    assert polepos("check").exit_code == 0
    assert not (project / "src/shop_api/integrations/llm").exists()
    assert tree_digest(project) == before


def test_batch_remove_keeps_what_other_modules_still_use(
    polepos: Runner, project: Path
) -> None:
    assert polepos("add", "module", "a", "b", "c", "-t", "ai-prompt").exit_code == 0
    assert polepos("remove", "module", "a", "c").exit_code == 0
    assert polepos("check").exit_code == 0
    assert (project / "src/shop_api/integrations/llm").is_dir()
    assert (project / "src/shop_api/modules/b").is_dir()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("add", "module", "alpha", "bad name", "gamma"), 2),
        (("add", "module", "alpha", "alpha"), 2),
        (("add", "module", "alpha", "status"), 2),
        (("remove", "module", "extra", "nope"), 1),
        (("remove", "module", "extra", "status"), 1),
        (("remove", "module", "extra", "extra"), 2),
        (("remove", "module", "extra", "bad name"), 2),
    ],
)
def test_one_bad_name_refuses_the_whole_batch(
    polepos: Runner, project: Path, args: tuple[str, ...], code: int
) -> None:
    assert polepos("add", "module", "extra").exit_code == 0
    before = tree_digest(project)
    result = polepos(*args)
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert tree_digest(project) == before


def _parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counts: Counter[str] = Counter()
    original = libcst.parse_module

    def counted(source: Any, *args: Any, **kwargs: Any) -> Any:
        text = source if isinstance(source, str) else source.decode()
        counts[text.splitlines()[0] if text else ""] += 1
        return original(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counted)
    return counts


@pytest.mark.parametrize("size", [1, 4])
def test_batch_remove_parses_each_file_once(
    polepos: Runner, project: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    names = [f"m{index}" for index in range(size)]
    assert polepos("add", "module", *names, "-t", "crud").exit_code == 0
    counts = _parses(monkeypatch)
    plans = plan_remove_modules(load_state(locate_project(project)), names)
    plans[0].changes.commit()
    monkeypatch.undo()
    assert len(plans) == size
    assert {plan.changes for plan in plans} == {plans[0].changes}
    # The router, the models and the modules' exports: each parsed once, for
    # one module as for four.
    assert sum(counts.values()) == 3, counts
    assert max(counts.values()) == 1


def _work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Parses and full-tree scans, counted by patching the parser and the walk."""
    from codemods import python_source

    counts = _parses(monkeypatch)
    original = python_source.walk

    def counted(node: Any, visitor: Any) -> None:
        if isinstance(node, libcst.Module):
            counts["<scan>"] += 1
        original(node, visitor)

    monkeypatch.setattr(python_source, "walk", counted)
    return counts


@pytest.mark.parametrize("command", ["add", "remove"])
def test_work_per_command_does_not_grow_with_the_project(
    polepos: Runner, project: Path, command: str
) -> None:
    """A deterministic stand-in for `bench/cli.py`'s flatness: as many parses and
    scans at 21 modules as at 1 (each still grows with its file's length)."""
    add = ("add", "module", "orders", "-t", "crud")
    remove = ("remove", "module", "orders")
    totals = []
    for extra in ([], [f"m{index:02d}" for index in range(20)]):
        if extra:
            assert polepos("add", "module", *extra).exit_code == 0
        if command == "remove":
            assert polepos(*add).exit_code == 0
        with pytest.MonkeyPatch.context() as patch:
            counts = _work(patch)
            assert polepos(*(add if command == "add" else remove)).exit_code == 0
        if command == "add":
            assert polepos(*remove).exit_code == 0
        totals.append(sum(counts.values()))
    assert totals[0] == totals[1], totals
    assert totals[0] > 0
