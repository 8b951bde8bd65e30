"""The read-only `polepos upgrade` report: what the project is and whether it checks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from pole_position import __version__

if TYPE_CHECKING:
    from pole_position.cli.services.plans.upgrade.plan import UpgradePlan


class FindingData(TypedDict):
    """One finding as `polepos check --json` writes it (`Finding.as_dict`)."""

    code: str
    severity: str
    message: str
    hint: str
    path: str | None
    line: int | None
    fixable: bool


class CheckData(TypedDict, total=False):
    """`polepos check --json` read back; empty until the check has run."""

    passed: bool
    project_root: str
    package: str
    issues: list[FindingData]
    fixed: list[str]


@dataclass
class UpgradeReport:
    """Everything `polepos upgrade` shows, as data."""

    installed_version: str
    project_root: str
    package: str
    db: str
    modules: list[dict[str, str | None]] = field(default_factory=list)
    detached: list[dict[str, str]] = field(default_factory=list)
    integrations: list[str] = field(default_factory=list)
    auth: bool = False
    check: CheckData = field(default_factory=lambda: CheckData())
    plan: UpgradePlan | None = None

    @property
    def passed(self) -> bool:
        """Whether the project check passed."""
        return bool(self.check.get("passed"))

    def as_json(self) -> str:
        """The report as a JSON document."""
        return json.dumps(
            {
                "installed_version": self.installed_version,
                "project_root": self.project_root,
                "package": self.package,
                "db": self.db,
                "modules": self.modules,
                "detached": self.detached,
                "integrations": self.integrations,
                "auth": self.auth,
                "check": self.check,
                "plan": self.plan.as_dict() if self.plan is not None else None,
            },
            indent=2,
        )

    def as_text(self) -> str:
        """The plan grouped by action, the check result, and what --apply would do."""
        plan = self.plan
        versions = ", ".join(plan.from_versions) if plan else "?"
        lines = [
            f"polepos upgrade: {versions} -> {self.installed_version} "
            f"(package {self.package}, db {self.db})"
        ]
        if plan is not None:
            for action, count in plan.counts().items():
                if action == "unchanged":
                    continue
                lines.append(f"{action} ({count})")
                lines.extend(
                    f"  {item.path:<56} {item.owner}"
                    for item in plan.files
                    if item.action == action
                )
            lines.append(f"unchanged: {plan.counts().get('unchanged', 0)} files")
        issues = self.check.get("issues", [])
        if self.passed:
            lines.append(
                "check: passed" + (f" ({len(issues)} warnings)" if issues else "")
            )
        else:
            lines.append(f"check: failed with {len(issues)} findings")
        for issue in issues:
            where = issue["path"] or "."
            if issue["line"]:
                where += f":{issue['line']}"
            lines.append(
                f"  {where}: {issue['code']} {issue['severity']}: {issue['message']}"
            )
        lines.append(self.next_step())
        return "\n".join(lines)

    def next_step(self) -> str:
        """One line: what `--apply` would do, or why it would refuse."""
        if not self.passed:
            return "Fix the findings (polepos check --fix) before upgrading."
        plan = self.plan
        if plan is None or plan.is_empty:
            return "The project is up to date: --apply has nothing to do."
        counts = plan.counts()
        verbs = (
            ("update", "update"),
            ("merge", "merge"),
            ("create", "create"),
            ("delete", "delete"),
            ("conflict", "write conflict markers into"),
        )
        parts = [
            f"{verb} {counts[action]} file{'' if counts[action] == 1 else 's'}"
            for action, verb in verbs
            if counts.get(action)
        ]
        done = ", ".join(parts) if parts else "change no file"
        return f"--apply would {done} and record polepos {plan.to_version} in the lock."


def build_report(start: Path) -> UpgradeReport:
    """Gather the report and the upgrade plan for the project containing `start`
    (no plan when the check fails and the project cannot be planned)."""
    from codemods.lockfile import recorded_version
    from pole_position.cli.errors import Refused
    from pole_position.cli.services.check import check_project
    from pole_position.cli.services.plans.upgrade.plan import plan_upgrade
    from pole_position.cli.services.project.locate import locate_project
    from pole_position.cli.services.project.state import load_state

    state = load_state(locate_project(start))
    project = state.project
    modules = [
        {
            "name": name,
            "template": template,
            "generated_by": recorded_version(state.lock, "modules", name),
        }
        for name, template in sorted(state.modules.items())
    ]
    detached = [
        {"name": name, "template": template}
        for name, template in sorted(state.manifest.detached.items())
    ]
    check: CheckData = json.loads(check_project(project.root).as_json())
    try:
        plan: UpgradePlan | None = plan_upgrade(state)
    except Refused:
        # A project that fails its check may have managed files the plan cannot
        # take apart (a marker gone); the report shows the findings to fix first.
        if check.get("passed"):
            raise
        plan = None
    return UpgradeReport(
        installed_version=__version__,
        project_root=str(project.root),
        package=project.package,
        db=project.db,
        modules=modules,
        detached=detached,
        integrations=sorted(state.manifest.integrations),
        auth=bool(state.manifest.auth),
        check=check,
        plan=plan,
    )
