"""The upgrade wires `pyproject.toml` again in the order the project lists its
requirements, so a rewrite never moves them around."""

from __future__ import annotations

from codemods.dependency import Dependency
from pole_position.cli.services.plans.upgrade.order import in_project_order

OURS = """[project]
name = "shop"
dependencies = [
    "fastapi>=0.115",
    "httpx>=0.27",
    "redis>=5",
    "pwdlib[argon2]>=0.2",
]
"""


def test_requirements_follow_the_projects_order_and_new_ones_come_last() -> None:
    wiring = [
        Dependency("pwdlib[argon2]>=0.2"),
        Dependency("aiokafka>=0.12"),  # not in the project yet
        Dependency("redis>=5"),
        Dependency("httpx>=0.27"),
    ]
    ordered = in_project_order(list(wiring), OURS)
    assert [op.requirement for op in ordered] == [
        "httpx>=0.27",
        "redis>=5",
        "pwdlib[argon2]>=0.2",
        "aiokafka>=0.12",
    ]


def test_a_differently_written_entry_is_not_the_wiring_s() -> None:
    # invert removes only an identical string: `redis>=5.0` is the user's own.
    wiring = [Dependency("redis>=5.0"), Dependency("httpx>=0.27")]
    ordered = in_project_order(list(wiring), OURS)
    assert [op.requirement for op in ordered] == ["httpx>=0.27", "redis>=5.0"]


def test_wiring_of_other_files_and_unparsable_projects_is_left_alone() -> None:
    wiring = [Dependency("redis>=5"), Dependency("httpx>=0.27")]
    assert in_project_order(list(wiring), "[project\n") == wiring
    assert in_project_order([], OURS) == []
