"""The command groups' help: workflow order, whole summaries, short bare usage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typer.core import TyperGroup

if TYPE_CHECKING:
    # typer 0.28 vendors click: its context and formatter types live here.
    from typer._click import Context, HelpFormatter

# The order a user meets polepos's commands in; one not named here comes last.
# Groups below the root keep the order their commands were registered in.
WORKFLOW_ORDER = (
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
)
SUMMARY_LIMIT = 1000  # never cut a summary short: a cut one ends in "..."


class BareGroup(Exception):
    """A group was called without a command: show its short usage, exit 2."""

    exit_code = 2

    def __init__(self, usage: str) -> None:
        super().__init__(usage)
        self.usage = usage


class WorkflowGroup(TyperGroup):
    """A Typer group listing its commands in workflow order with whole summaries."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Refuse a bare group with its synopsis instead of the whole help."""
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            raise BareGroup(short_usage(ctx))
        result: list[str] = super().parse_args(ctx, args)
        return result

    def list_commands(self, ctx: Context) -> list[str]:
        """The commands: the root's in the order of `WORKFLOW_ORDER`."""
        names: list[str] = super().list_commands(ctx)
        if ctx.parent is not None:
            return names
        rank = {name: index for index, name in enumerate(WORKFLOW_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The Commands section, each summary whole (wrapped, not truncated)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(SUMMARY_LIMIT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def short_usage(ctx: Context) -> str:
    """A bare group's usage: the synopsis and its commands, then where help is."""
    command = ctx.command
    path = ctx.command_path
    lines = [f"Usage: {path} COMMAND [ARGS]..."]
    if isinstance(command, TyperGroup):
        names = [
            name
            for name in command.list_commands(ctx)
            if not getattr(command.get_command(ctx, name), "hidden", False)
        ]
        lines.append(f"Commands: {', '.join(names)}")
    lines.append(f"Run '{path} --help' for details.")
    return "\n".join(lines)
