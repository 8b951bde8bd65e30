"""`add integration` / `remove integration`: exact inverses, env and pin rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest
from tests.generated._support import assert_project_is_clean

NAMES = ["kafka", "rabbitmq", "redis", "rq"]


def _dependencies(root: Path) -> list[str]:
    data = tomllib.loads((root / "pyproject.toml").read_text())
    deps: list[str] = data["project"]["dependencies"]
    return deps


@pytest.mark.parametrize("name", NAMES)
def test_add_check_remove_round_trip(polepos: Runner, project: Path, name: str) -> None:
    before = tree_digest(project)
    added = polepos("add", "integration", name.upper())
    assert added.exit_code == 0, added.stderr
    package = project / "src/shop_api/integrations" / name
    assert (package / "__init__.py").is_file()
    env = (project / ".env.example").read_text()
    assert f"\n{name.upper()}_ENABLED=false\n" in env
    settings = (project / "src/shop_api/settings.py").read_text()
    assert f"    {name}_enabled: bool = False\n" in settings
    exports = (project / "src/shop_api/integrations/__init__.py").read_text()
    assert f'    "{name}",\n' in exports
    manifest = tomllib.loads((project / ".poleposition.toml").read_text())
    assert manifest["integrations"][name] is True
    assert_project_is_clean(project)
    check = polepos("check")
    assert check.exit_code == 0, check.stdout
    again = polepos("add", "integration", name)
    assert again.exit_code == 1
    removed = polepos("remove", "integration", name)
    assert removed.exit_code == 0, removed.stderr
    assert tree_digest(project) == before


def test_all_four_together_then_removed_in_another_order(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    for name in NAMES:
        assert polepos("add", "integration", name).exit_code == 0
    assert_project_is_clean(project)
    assert polepos("check").exit_code == 0
    for name in ["redis", "kafka", "rq", "rabbitmq"]:
        assert polepos("remove", "integration", name).exit_code == 0, name
    assert tree_digest(project) == before


def test_unknown_integration_lists_the_four(polepos: Runner, project: Path) -> None:
    result = polepos("add", "integration", "mqtt")
    assert result.exit_code == 2
    assert "kafka, rabbitmq, redis, rq" in result.stderr
    assert result.stderr.count("\n") == 1


def test_commented_required_key_becomes_active_and_comes_back(
    polepos: Runner, project: Path
) -> None:
    env = project / ".env.example"
    env.write_text(env.read_text() + "# KAFKA_BOOTSTRAP_SERVERS=broker:9092\n")
    before = tree_digest(project)
    assert polepos("add", "integration", "kafka").exit_code == 0
    lines = env.read_text().splitlines()
    assert "KAFKA_BOOTSTRAP_SERVERS=localhost:9092" in lines
    assert "# KAFKA_BOOTSTRAP_SERVERS=broker:9092" in lines
    assert "# KAFKA_COMPRESSION_TYPE=" in "\n".join(lines)
    assert polepos("remove", "integration", "kafka").exit_code == 0
    assert tree_digest(project) == before


def test_satisfying_pin_is_kept_and_survives_remove(
    polepos: Runner, project: Path
) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            '    "pyjwt>=2.8",\n', '    "pyjwt>=2.8",\n    "aiokafka>=0.13",\n'
        )
    )
    before = tree_digest(project)
    assert polepos("add", "integration", "kafka").exit_code == 0
    deps = _dependencies(project)
    assert "aiokafka>=0.13" in deps
    assert not any(d.startswith("aiokafka>=0.12") for d in deps)
    assert polepos("remove", "integration", "kafka").exit_code == 0
    assert tree_digest(project) == before


def test_conflicting_pin_is_refused_naming_it(polepos: Runner, project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            '    "pyjwt>=2.8",\n', '    "pyjwt>=2.8",\n    "redis<4",\n'
        )
    )
    before = tree_digest(project)
    result = polepos("add", "integration", "redis")
    assert result.exit_code == 1
    assert "redis" in result.stderr
    assert "conflict" in result.stderr
    assert tree_digest(project) == before


def test_project_without_dependencies_is_refused_before_writing(
    polepos: Runner, project: Path
) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    start = text.index("dependencies = [")
    end = text.index("]\n", start) + 2
    pyproject.write_text(text[:start] + text[end:])
    before = tree_digest(project)
    result = polepos("add", "integration", "rq")
    assert result.exit_code == 1
    assert "dependencies" in result.stderr
    assert tree_digest(project) == before


def test_custom_changes_block_removal_until_force(
    polepos: Runner, project: Path
) -> None:
    before = tree_digest(project)
    assert polepos("add", "integration", "redis").exit_code == 0
    package = project / "src/shop_api/integrations/redis"
    target = sorted(p for p in package.glob("*.py") if p.name != "__init__.py")[0]
    target.write_text(target.read_text() + "\n# local tweak\n")
    refused = polepos("remove", "integration", "redis")
    assert refused.exit_code == 1
    assert "(edited)" in refused.stderr
    assert polepos("remove", "integration", "redis", "--force").exit_code == 0
    assert tree_digest(project) == before


def test_check_reports_and_fixes_integration_drift(
    polepos: Runner, project: Path
) -> None:
    assert polepos("add", "integration", "redis").exit_code == 0
    env = project / ".env.example"
    env.write_text(env.read_text().replace("\nREDIS_URL=", "\n# REDIS_URL="))
    failing = polepos("check", "--json")
    assert failing.exit_code == 1
    assert '"PP311"' in failing.stdout
    fixed = polepos("check", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    assert "REDIS_URL=redis://localhost:6379/0" in env.read_text().splitlines()
