"""The user's `.env` against `.env.example`: keys the example sets that `.env` lacks."""

from __future__ import annotations

from codemods import codes
from codemods.layout import ENV_EXAMPLE
from pole_position.cli.services.check.context import CheckContext

USER_ENV = ".env"


def check_user_env(context: CheckContext) -> None:
    """A PP330 warning per key of `.env.example` that `.env` never mentions."""
    if not (context.root / USER_ENV).is_file():
        return  # no .env is a normal state: settings defaults apply
    context.remember(
        "user-env", [ENV_EXAMPLE, USER_ENV], None, lambda: _compare(context)
    )


def _compare(context: CheckContext) -> None:
    from codemods.env import ENV_FORMAT, ENV_PATH

    example = context.files.document(ENV_PATH, ENV_FORMAT)
    user = context.files.document(USER_ENV, ENV_FORMAT)
    if example is None or user is None:
        return
    known = set(user.active_keys()) | set(user.commented_keys())
    for key, lines in sorted(example.active_keys().items(), key=lambda kv: kv[1][0]):
        if key in known:
            continue
        line = example.content(lines[0] - 1).strip()
        context.report(
            codes.USER_ENV_KEY_MISSING.finding(
                f"{key} is in {ENV_PATH} but missing from {USER_ENV}",
                f"add it to {USER_ENV} with your own value ({ENV_PATH} has: {line})",
                USER_ENV,
            )
        )
