"""`docs/checks.md` is generated from the code registry and kept in sync with it.

Its example for each code is the message `polepos check` really prints: every code
is provoked in a generated project (the rows of tests/checks/_cases.py, or a
provocation of the documented example where the row picks other names) and the
real message must equal the documented one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from codemods.codes import CODES
from pole_position.cli.services.check.docs import (
    EXAMPLE_LOCATIONS,
    EXAMPLES,
    REGENERATE,
    render_checks_doc,
)
from tests.checks._cases import (
    CASES,
    CRUD,
    JOURNAL,
    LLM,
    NOT_YET_EMITTED,
    ORDERS_IMPORT,
    Case,
    both,
    replace,
    sub,
    user_env_without,
)
from tests.checks._support import LOCK, ROUTER, check_json, generate
from tests.conftest import REPO_ROOT, Runner, working_copy
from tests.safety._support import run_forked

DOC = REPO_ROOT / "docs" / "checks.md"

APP = "src/shop_api/app.py"
APP_CONFLICT = (
    f'\n[upgrade.conflicts]\n\n[upgrade.conflicts.files]\n"{APP}" = "project"\n'
)

# Codes whose table row picks other names or values than the documented example:
# a provocation of the example itself, so the whole message can be compared.
AS_DOCUMENTED: dict[str, Case] = {
    "PP030": Case(
        "PP030",
        replace(
            LOCK,
            "[modules.orders.files]\n",
            '[modules.orders.files]\n"../victim/important.txt" = "sha256:0"\n',
        ),
        LOCK,
        modules=CRUD,
    ),
    "PP031": Case(
        "PP031",
        both(
            sub(LOCK, r'^\[modules\.orders\.files\]\n(?:".*\n)+'),
            replace(LOCK, 'template = "crud"\n', 'template = "crud"\nfiles = 3\n'),
        ),
        LOCK,
        modules=CRUD,
    ),
    "PP040": Case(
        "PP040",
        both(
            sub(LOCK, r"\Z", APP_CONFLICT),
            replace(
                APP,
                "\n",
                "\n<<<<<<< project\nmine\n=======\ntheirs\n>>>>>>> polepos 0.2.0\n",
            ),
        ),
        APP,
    ),
    "PP041": Case("PP041", sub(LOCK, r"\Z", APP_CONFLICT), LOCK),
    "PP272": Case(
        "PP272",
        both(
            replace(ROUTER, ORDERS_IMPORT, ""),
            replace(
                ROUTER,
                "\n\n# polepos:router-imports",
                '\nTAGS = ["v1"]\n\n# polepos:router-imports',
            ),
        ),
        ROUTER,
        modules=CRUD,
    ),
    "PP310": Case(
        "PP310",
        sub(
            ".env.example",
            r"^# LLM provider \(ai-prompt modules\).*?\n(?:#? ?LLM_[A-Z_]+=.*?\n)+"
            r"(?=# polepos)",
        ),
        ".env.example",
        modules=LLM,
        match="LLM_MODEL",
    ),
    "PP330": Case(
        "PP330",
        user_env_without("REDIS_URL"),
        ".env",
        integrations=("redis",),
        match="REDIS_URL",
    ),
}

# Codes compared by a test of their own below, with the reason.
COMPARED_APART: dict[str, str] = {
    "PP000": "the message names the folder the check ran in, a temporary folder "
    "here and /home/me/code in the example",
    "PP020": "the documented message names the interrupted command and its file "
    "count, so it needs a command killed after its journal's commit point",
}

# One provocation per code: the documented example's, else the table's first row.
PROVOCATIONS = [
    AS_DOCUMENTED.get(case.code, case)
    for case in {case.code: case for case in reversed(CASES)}.values()
    if case.code not in COMPARED_APART
][::-1]


def test_checks_doc_is_generated_from_the_registry() -> None:
    assert DOC.is_file(), f"docs/checks.md is missing; run: {REGENERATE}"
    assert (
        DOC.read_text(encoding="utf-8") == render_checks_doc()
    ), f"docs/checks.md is out of date with codemods/codes.py; run: {REGENERATE}"


def test_every_code_has_an_example_and_a_section() -> None:
    assert set(EXAMPLES) == set(CODES), "EXAMPLES and CODES name different codes"
    assert set(EXAMPLE_LOCATIONS) <= set(CODES)
    rendered = render_checks_doc()
    for code in CODES.values():
        assert EXAMPLES[code.code].strip()
        assert f"### {code.code}: {code.title}" in rendered
        assert code.description in rendered
        if code.fixable:
            assert code.fix, f"{code.code} is fixable but has no fix text"
            assert code.fix in rendered


@pytest.fixture(scope="module")
def pristine(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Runner, Case], Path]:
    """The generated project a case starts from, built once per module and shape."""
    built: dict[tuple[tuple[str, ...], str, tuple[str, ...]], Path] = {}

    def build(polepos: Runner, case: Case) -> Path:
        key = (case.modules, case.db, case.integrations)
        if key not in built:
            parent = tmp_path_factory.mktemp("pristine")
            built[key] = generate(polepos, parent, *key)
        return built[key]

    return build


@pytest.mark.parametrize("case", PROVOCATIONS, ids=[case.code for case in PROVOCATIONS])
def test_the_documented_example_is_the_real_message(
    polepos: Runner,
    tmp_path: Path,
    pristine: Callable[[Runner, Case], Path],
    case: Case,
) -> None:
    root = working_copy(pristine(polepos, case), tmp_path, polepos)
    case.provoke(root)
    _, report = check_json(polepos, root)
    ours = [
        f
        for f in report["issues"]
        if f["code"] == case.code
        and f["path"] == case.path
        and case.match in f["message"]
    ]
    assert len(ours) == 1, report["issues"]
    assert ours[0]["message"] == EXAMPLES[case.code]
    assert ours[0]["path"] == EXAMPLE_LOCATIONS.get(case.code, (None, None))[0]


def test_the_documented_folder_example_is_the_real_message(
    polepos: Runner, tmp_path: Path
) -> None:
    outside = tmp_path / "code"
    outside.mkdir()
    _, report = check_json(polepos, outside)
    [finding] = [f for f in report["issues"] if f["code"] == "PP000"]
    documented = EXAMPLES["PP000"].replace("/home/me/code", str(outside))
    assert finding["message"] == documented


def test_the_documented_interrupted_change_is_the_real_message(
    polepos: Runner, tmp_path: Path
) -> None:
    root = generate(polepos, tmp_path)
    traced = working_copy(root, tmp_path / "traced", polepos)
    trace = tmp_path / "trace.txt"
    command = ("add", "module", "orders")
    assert run_forked(traced, command, {"POLEPOS_FAULT_TRACE": str(trace)}) == 0
    steps = [line.split(" ", 1)[1] for line in trace.read_text().splitlines()]
    # The first step after the commit point: the journal records a started change.
    kill = {"POLEPOS_FAULT_STEP": str(steps.index("journal commit plan.json") + 2)}
    assert run_forked(root, command, kill) != 0
    _, report = check_json(polepos, root)
    [finding] = [f for f in report["issues"] if f["code"] == "PP020"]
    assert finding["path"] == JOURNAL == EXAMPLE_LOCATIONS["PP020"][0]
    # The number of files the command changes is the template's, not the example's.
    count = re.search(r"changing (\d+) files", finding["message"])
    assert count, finding["message"]
    documented = EXAMPLES["PP020"].replace("14 files", f"{count.group(1)} files")
    assert finding["message"] == documented


def test_every_documented_code_is_compared_or_excused() -> None:
    compared = {case.code for case in PROVOCATIONS} | set(COMPARED_APART)
    assert compared | set(NOT_YET_EMITTED) == set(EXAMPLES)


def test_every_layer_heading_lists_its_codes_in_order() -> None:
    rendered = render_checks_doc()
    positions = [rendered.index(f"### {code}:") for code in sorted(CODES)]
    assert positions == sorted(positions)
