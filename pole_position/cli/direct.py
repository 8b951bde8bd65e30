"""Command lines the entry point runs without Typer: a table and its reader.

Importing Typer, building the application and letting click parse cost about
20 ms, as much as `remove module` itself on a small project. The commands in
`COMMANDS` (add, remove and rename module; add and remove field) have simple
lines (names, flags, string options), so the entry point reads a line it
understands completely and calls the command's Typer-free body (a `*_run`
module) itself. Anything else (`--help`, an unknown or repeated option, `--`,
a missing name, a value that looks like an option) is answered None, and Typer
parses it: Typer owns every usage message.

tests/cli/test_direct.py derives each entry from the live Typer command, so the
table cannot drift from it, and runs command lines both ways to compare.
"""

# `typing.TYPE_CHECKING` without importing typing (see `main`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Protocol

    class Body(Protocol):
        """A command's Typer-free body: its parameters by name."""

        def __call__(self, **values: object) -> object: ...


# A positional taking one word, or every word left (click's nargs=-1).
ONE = 1
ALL = -1


class Command:
    """How one command's line is read, and the body it runs."""

    __slots__ = ("flags", "options", "positionals", "runner")

    def __init__(
        self,
        runner: str,
        positionals: tuple[tuple[str, int], ...],
        flags: "Mapping[str, str]",
        options: "Mapping[str, str]",
    ) -> None:
        # "package.module:function", imported only when the command runs.
        self.runner = runner
        # (parameter, ONE or ALL) in command-line order; each is required.
        self.positionals = positionals
        # Each spelling of a boolean flag, and the parameter it sets to True.
        self.flags = flags
        # Each spelling of an option taking one string, and its parameter.
        self.options = options

    def read(self, words: list[str]) -> "dict[str, object] | None":
        """The runner's keyword arguments for `words`, or None for Typer to parse."""
        values: dict[str, object] = {}
        plain: list[str] = []
        rest = iter(words)
        for word in rest:
            if word in self.flags:
                values[self.flags[word]] = True  # repeating a flag is harmless
                continue
            name, equals, value = word.partition("=")
            if not (equals and name.startswith("--")):
                name, value = word, ""  # only a long option takes `=value`
            if name in self.options:
                parameter = self.options[name]
                given = value if equals else next(rest, None)
                # click keeps the last of a repeated option and takes a value
                # that looks like an option: both are left to Typer.
                if given is None or given.startswith("-") or parameter in values:
                    return None
                values[parameter] = given
            elif word.startswith("-"):
                return None  # --help, -h, --, an unknown or bundled option
            else:
                plain.append(word)
        spread = self._spread(plain)
        if spread is None:
            return None
        values.update(spread)
        return values

    def _spread(self, plain: list[str]) -> "dict[str, object] | None":
        """The positional words by parameter, as click assigns them, or None."""
        fixed = sum(1 for _, count in self.positionals if count == ONE)
        variadic = len(self.positionals) - fixed
        if len(plain) < fixed + variadic or (not variadic and len(plain) != fixed):
            return None  # a required name missing, or one too many
        values: dict[str, object] = {}
        start = 0
        for index, (parameter, count) in enumerate(self.positionals):
            if count == ONE:
                values[parameter] = plain[start]
                start += 1
            else:
                after = len(self.positionals) - index - 1
                values[parameter] = plain[start : len(plain) - after]
                start = len(plain) - after
        return values


# Spellings shared by the commands that write (commands/options.py).
_PREVIEW = {"--trace": "trace", "--diff": "diff", "--quiet": "quiet", "-q": "quiet"}
_INSTALL = {"--no-install": "no_install"}

COMMANDS: "dict[tuple[str, ...], Command]" = {
    ("add", "module"): Command(
        "pole_position.cli.commands.add.module_run:run_add_module",
        positionals=(("names", ALL),),
        flags={
            "--api-only": "api_only",
            "--service-only": "service_only",
            "--pagination": "pagination",
            "--timestamps": "timestamps",
            "--soft-delete": "soft_delete",
            "--tenant-scoped": "tenant_scoped",
            "--auth-required": "auth_required",
            **_INSTALL,
            **_PREVIEW,
        },
        options={"--template": "template", "-t": "template"},
    ),
    ("remove", "module"): Command(
        "pole_position.cli.commands.remove.module_run:run_remove_module",
        positionals=(("names", ALL),),
        flags={
            "--force": "force",
            "--wiring-only": "wiring_only",
            **_INSTALL,
            **_PREVIEW,
        },
        options={},
    ),
    ("rename", "module"): Command(
        "pole_position.cli.commands.rename.module_run:run_rename_module",
        positionals=(("old", ONE), ("new", ONE)),
        flags={"--rename-table": "rename_table", **_PREVIEW},
        options={},
    ),
    ("add", "field"): Command(
        "pole_position.cli.commands.add.field_run:run_add_field",
        positionals=(("module", ONE), ("specs", ALL)),
        flags=_PREVIEW,
        options={},
    ),
    ("remove", "field"): Command(
        "pole_position.cli.commands.remove.field_run:run_remove_field",
        positionals=(("module", ONE), ("names", ALL)),
        flags=_PREVIEW,
        options={},
    ),
}


def runner(command: Command) -> "Body":
    """The command's Typer-free body, imported now."""
    module, _, function = command.runner.partition(":")
    # __import__, not importlib: importing importlib (and warnings) costs more.
    loaded = __import__(module, fromlist=[function])
    body: Body = getattr(loaded, function)
    return body


def parse(args: list[str]) -> "Callable[[], object] | None":
    """The command `args` asks for, ready to run, or None when Typer must parse it."""
    command = COMMANDS.get(tuple(args[:2]))  # each command sits in a group
    if command is None:
        return None
    values = command.read(args[2:])
    if values is None:
        return None
    return lambda: runner(command)(**values)
