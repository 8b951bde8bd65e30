"""The check driver asks an operation's text face first (`TextShortcut.check_text`)
and parses with LibCST only for the operations whose face cannot decide.

A fake operation stands in for the real text faces: it wraps a real wiring
operation, answers from text as told, and counts the LibCST face's calls.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from codemods import Finding, codes
from codemods._core import TextShortcut
from pole_position.cli.services.check import check_project, lifecycle
from tests.checks._support import generate
from tests.conftest import Runner

TEXT_FINDING = codes.ROUTER_IMPORT_MISSING.finding(
    "decided from text", "Run `polepos check --fix` to restore it.", "x.py", 3
)


class FakeShortcut:
    """A real operation with a text face that answers `answer` (None: undecided)."""

    def __init__(self, real: Any, answer: list[Finding] | None, calls: Counter[str]):
        self.real = real
        self.answer = answer
        self.calls = calls

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def check_text(self, text: str) -> list[Finding] | None:
        assert "polepos:" in text  # the managed file's text, as read
        self.calls["text"] += 1
        return self.answer

    def apply_text(self, text: str) -> str | None:
        return None

    def invert_text(self, text: str) -> str | None:
        return None

    def check(self, document: object) -> list[Finding]:
        self.calls["libcst"] += 1
        found: list[Finding] = self.real.check(document)
        return found


@pytest.fixture
def shop(polepos: Runner, tmp_path: Path) -> Path:
    return generate(polepos, tmp_path, ("orders:crud",))


def _faked(
    monkeypatch: pytest.MonkeyPatch, answer_of: Any
) -> tuple[Counter[str], Counter[str]]:
    """Wrap every module operation; count face calls and `files.document` parses."""
    calls: Counter[str] = Counter()
    real_wiring = lifecycle.module_wiring

    def wiring(layout: Any, name: str, spec: Any) -> list[Any]:
        return [
            FakeShortcut(op, answer_of(op), calls)
            for op in real_wiring(layout, name, spec)
        ]

    monkeypatch.setattr(lifecycle, "module_wiring", wiring)
    parsed: Counter[str] = Counter()
    real_text_checks = lifecycle.text_checks

    def counted(context: Any, path: str, operations: Any) -> Any:
        before = sum(context.files.parses.values())
        answers = real_text_checks(context, path, operations)
        parsed[path] += sum(context.files.parses.values()) - before
        return answers

    monkeypatch.setattr(lifecycle, "text_checks", counted)
    return calls, parsed


def test_the_fake_is_a_text_shortcut() -> None:
    assert isinstance(FakeShortcut(object(), [], Counter()), TextShortcut)


def test_text_answers_need_no_libcst_face(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls, _ = _faked(monkeypatch, lambda op: [])
    report = check_project(shop, cache=False)
    assert report.passed, report.issues
    assert calls["text"] >= 3  # export, router and model of `orders` at least
    assert calls["libcst"] == 0


def test_a_text_finding_is_reported_as_is(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(op: Any) -> list[Finding]:
        is_orders_router = type(op).__name__ == "RouterWiring" and op.module == "orders"
        return [TEXT_FINDING] if is_orders_router else []

    calls, _ = _faked(monkeypatch, answer)
    report = check_project(shop, cache=False)
    assert calls["libcst"] == 0
    assert [i for i in report.issues if i.message == "decided from text"] == [
        TEXT_FINDING
    ]


def test_an_undecided_face_falls_back_to_libcst_for_that_operation_only(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(op: Any) -> list[Finding] | None:
        return None if type(op).__name__ == "ModelImport" else []

    calls, parsed = _faked(monkeypatch, answer)
    report = check_project(shop, cache=False)
    assert report.passed, report.issues
    assert 1 <= calls["libcst"] < calls["text"]
    # Only the models file can need a parse here, and never twice.
    assert {path for path, count in parsed.items() if count} <= {
        "src/shop_api/db/models.py"
    }
    assert all(count <= 1 for count in parsed.values()), parsed


def test_an_undecided_face_sees_the_same_findings_as_before(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    router = shop / "src/shop_api/api/router.py"
    text = router.read_text()
    router.write_text(
        "\n".join(line for line in text.splitlines() if "orders_router" not in line)
        + "\n"
    )
    plain = check_project(shop, cache=False).issues
    _faked(monkeypatch, lambda op: None)
    assert check_project(shop, cache=False).issues == plain
    assert any(i.code == codes.ROUTER_IMPORT_MISSING.code for i in plain)


def test_with_text_faces_a_generated_project_is_checked_without_libcst(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markers, block order, wired modules and exports are decided from text too."""
    import libcst

    parsed: list[str] = []
    real = libcst.parse_module

    def counted(source: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(str(source)[:60])
        return real(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", counted)
    calls, _ = _faked(monkeypatch, lambda op: [])
    report = check_project(shop, cache=False)
    assert report.passed, report.issues
    assert parsed == []
    assert calls["libcst"] == 0 < calls["text"]
    assert set(report.text_parses) >= {
        "src/shop_api/api/router.py",
        "src/shop_api/modules/__init__.py",
        "src/shop_api/settings.py",
    }
    # A broken marker still goes to LibCST, which says what exactly is wrong.
    router = shop / "src/shop_api/api/router.py"
    router.write_text(router.read_text().replace("# polepos:router-imports\n", ""))
    report = check_project(shop, cache=False)
    assert any(issue.code == codes.MARKER_MISSING.code for issue in report.issues)
    assert parsed
