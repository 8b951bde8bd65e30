"""Issue 11 item 6: one consistent voice across commands."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Runner, tree_digest

RED, YELLOW, RESET = "\x1b[31m", "\x1b[33m", "\x1b[0m"


def _on_a_tty(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run `polepos ARGS` with stdout and stderr on a terminal, as a user does."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pole_position", *args],
        cwd=cwd,
        stdout=follower,
        stderr=follower,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    os.close(follower)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def _break_wiring(project: Path) -> None:
    """One error (a missing marker) and one warning-free fixable finding."""
    router = project / "src/shop_api/api/router.py"
    router.write_text(router.read_text().replace("# polepos:router-imports", ""))


# -- colour -------------------------------------------------------------------


def test_findings_are_coloured_by_severity_on_a_tty(project: Path) -> None:
    _break_wiring(project)
    shown = _on_a_tty(project, "check")
    line = next(x for x in shown.splitlines() if "PP101" in x)
    assert line.startswith(RED), repr(line)
    assert line.endswith(RESET), repr(line)
    hint = next(x for x in shown.splitlines() if "hint:" in x)
    assert "\x1b[" not in hint


def test_no_color_turns_colour_off_on_a_tty(project: Path) -> None:
    _break_wiring(project)
    assert "\x1b[" not in _on_a_tty(project, "check", env={"NO_COLOR": "1"})


def test_piped_output_is_never_coloured(polepos: Runner, project: Path) -> None:
    _break_wiring(project)
    assert "\x1b[" not in polepos("check", cwd=project).stdout


def test_warnings_are_yellow(monkeypatch: pytest.MonkeyPatch) -> None:
    from pole_position.cli import output

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert output.paint_severity("x", "warning") == f"{YELLOW}x{RESET}"
    assert output.paint_severity("x", "error") == f"{RED}x{RESET}"


# -- a path once per line -----------------------------------------------------


def test_check_names_each_path_once_per_line(polepos: Runner, project: Path) -> None:
    _break_wiring(project)
    result = polepos("check", cwd=project)
    for line in result.stdout.splitlines():
        assert line.count("src/shop_api/api/router.py") <= 1, line
    assert (
        "src/shop_api/api/router.py:5: PP101 error: marker "
        "`# polepos:router-imports` not found (fixable)"
    ) in result.stdout


def test_a_refusal_names_its_path_once(polepos: Runner, project: Path) -> None:
    _break_wiring(project)
    result = polepos("add", "module", "orders", cwd=project)
    assert result.exit_code == 1
    assert result.stderr.count("src/shop_api/api/router.py") == 1, result.stderr


def test_a_manifest_refusal_names_the_manifest_once(
    polepos: Runner, project: Path
) -> None:
    manifest = project / ".poleposition.toml"
    manifest.write_text(manifest.read_text().replace('db = "sqlite"', 'db = "mongo"'))
    result = polepos("add", "module", "orders", cwd=project)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: .poleposition.toml:4: unknown db mode")
    assert result.stderr.count(".poleposition.toml") == 1, result.stderr


def test_a_pyproject_refusal_names_pyproject_once(
    polepos: Runner, project: Path
) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    start = text.index("dependencies = [")
    pyproject.write_text(text[:start] + text[text.index("]", start) + 2 :])
    result = polepos("add", "integration", "redis", cwd=project)
    assert result.exit_code == 1
    assert result.stderr.count("pyproject.toml") == 1, result.stderr


# -- bare groups: short usage -------------------------------------------------


@pytest.mark.parametrize(
    ("group", "commands"),
    [
        ("add", "module, field, integration, auth"),
        ("remove", "module, field, integration, auth"),
        ("db", "status, upgrade, revision, downgrade"),
    ],
)
def test_a_bare_group_prints_short_usage(
    polepos: Runner, tmp_path: Path, group: str, commands: str
) -> None:
    result = polepos(group, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Usage: polepos {group} COMMAND [ARGS]...",
        f"Commands: {commands}",
        f"Run 'polepos {group} --help' for details.",
    ]


def test_bare_polepos_prints_short_usage_too(polepos: Runner, tmp_path: Path) -> None:
    result = polepos(cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Run 'polepos --help' for details."
    assert "Options:" not in result.stderr


# -- did you mean -------------------------------------------------------------


def test_mistyped_integration_gets_a_suggestion(polepos: Runner, project: Path) -> None:
    result = polepos("add", "integration", "kafkaa", cwd=project)
    assert result.exit_code == 2
    assert "unknown integration 'kafkaa'. Did you mean 'kafka'?" in result.stderr


def test_mistyped_template_gets_a_suggestion(polepos: Runner, project: Path) -> None:
    result = polepos("add", "module", "orders", "--template", "crudd", cwd=project)
    assert result.exit_code == 2
    assert "unknown template 'crudd'. Did you mean 'crud'?" in result.stderr


def test_mistyped_module_in_remove_gets_a_suggestion(
    polepos: Runner, project: Path
) -> None:
    assert polepos("add", "module", "customers", "-q", cwd=project).exit_code == 0
    result = polepos("remove", "module", "custmers", cwd=project)
    assert result.exit_code == 1
    assert "Did you mean 'customers'?" in result.stderr
    assert result.stderr.count("\n") == 1


def test_no_suggestion_when_nothing_is_close(polepos: Runner, project: Path) -> None:
    result = polepos("add", "integration", "zzz", cwd=project)
    assert "Did you mean" not in result.stderr


def test_crud_option_grammar(polepos: Runner, project: Path) -> None:
    one = polepos("add", "module", "orders", "--pagination", cwd=project)
    assert "--pagination only applies to the crud template." in one.stderr
    two = polepos("add", "module", "orders", "--pagination", "--timestamps")
    assert "--pagination, --timestamps only apply to the crud template." in two.stderr


# -- help ---------------------------------------------------------------------


def test_help_lists_commands_in_workflow_order_untruncated(polepos: Runner) -> None:
    text = polepos("--help").stdout
    section = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    names = [line.split()[0] for line in section.splitlines() if line[2:3] != " "]
    assert names == [
        "start",
        "adopt",
        "add",
        "remove",
        "rename",
        "check",
        "db",
        "upgrade",
        "delete",
        "codemod",
        "completion",
        "version",
        "help",
    ]
    assert "..." not in section
    assert "identity, wiring, integrations." in " ".join(section.split())


def test_subgroup_help_summaries_are_whole(polepos: Runner) -> None:
    text = " ".join(polepos("add", "--help").stdout.split())
    assert "with settings and env keys." in text


# -- --trace --diff together --------------------------------------------------


def test_trace_and_diff_together_show_both(polepos: Runner, project: Path) -> None:
    before = tree_digest(project)
    result = polepos("add", "module", "orders", "--trace", "--diff", cwd=project)
    assert result.exit_code == 0, result.stderr
    trace, diff = result.stdout.split("\n\n", 1)
    assert "create src/shop_api/modules/orders/router.py" in trace.splitlines()
    assert "--- /dev/null\n+++ b/src/shop_api/modules/orders/router.py" in diff
    assert tree_digest(project) == before


def test_start_trace_and_diff_together_show_both(
    polepos: Runner, tmp_path: Path
) -> None:
    result = polepos("start", "shop", "--trace", "--diff", cwd=tmp_path)
    assert result.exit_code == 0
    trace, diff = result.stdout.split("\n\n", 1)
    assert "create pyproject.toml" in trace.splitlines()
    assert "--- /dev/null\n+++ b/pyproject.toml" in diff
    assert list(tmp_path.iterdir()) == []


# -- the files a command wrote ------------------------------------------------


def test_add_lists_what_it_created_and_edited(polepos: Runner, project: Path) -> None:
    result = polepos("add", "module", "orders", cwd=project)
    lines = result.stdout.splitlines()
    assert "  create  src/shop_api/modules/orders/router.py" in lines
    assert "  edit    src/shop_api/api/router.py" in lines
    assert lines.index("  edit    src/shop_api/api/router.py") < lines.index(
        "Added module orders (standard)."
    )


def test_remove_lists_what_it_deleted_and_edited(
    polepos: Runner, project: Path
) -> None:
    polepos("add", "integration", "redis", "--quiet", cwd=project)
    result = polepos("remove", "integration", "redis", cwd=project)
    lines = result.stdout.splitlines()
    assert "  delete  src/shop_api/integrations/redis/__init__.py" in lines
    assert "  edit    pyproject.toml" in lines


@pytest.mark.parametrize("flag", ["--quiet", "-q"])
def test_quiet_suppresses_the_list(polepos: Runner, project: Path, flag: str) -> None:
    result = polepos("add", "auth", flag, cwd=project)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("Added auth")
    assert "  create  " not in result.stdout


def test_the_file_list_is_coloured_by_action_on_a_tty(project: Path) -> None:
    shown = _on_a_tty(project, "add", "module", "orders")
    assert "  \x1b[32mcreate\x1b[0m  src/shop_api/modules/orders/router.py" in shown
    assert "  \x1b[33medit  \x1b[0m  src/shop_api/api/router.py" in shown
