"""The `.env` that `polepos start` writes: `.env.example` with a fresh random secret.

`.env.example` is committed and keeps the public placeholder `JWT_SECRET`, which
the generated app refuses outside tests; `.env` is git-ignored and gets a secret of
its own. Both keep the same managed blocks, so later `add`/`remove` can edit both.
"""

from __future__ import annotations

import secrets

from codemods.layout import ENV_EXAMPLE

EXAMPLE_HEADER = "# Copy to .env and adjust. "
LOCAL_HEADER = (
    "# Local settings, git-ignored: never commit this file. `polepos start` wrote it\n"
    f"# from {ENV_EXAMPLE} with a fresh random JWT_SECRET.\n# "
)
SECRET_KEY = "JWT_SECRET="
# 48 random bytes: well above the 32 bytes the generated settings require.
SECRET_BYTES = 48


def new_jwt_secret() -> str:
    """A fresh random, URL-safe signing secret."""
    return secrets.token_urlsafe(SECRET_BYTES)


def local_env(example: str, secret: str) -> str:
    """The `.env` text for the project whose `.env.example` is `example`."""
    if not example.startswith(EXAMPLE_HEADER):
        raise ValueError(f"{ENV_EXAMPLE} must start with {EXAMPLE_HEADER!r}")
    lines = example.splitlines(keepends=True)
    secret_lines = [i for i, line in enumerate(lines) if line.startswith(SECRET_KEY)]
    if len(secret_lines) != 1:
        raise ValueError(f"{ENV_EXAMPLE} must set JWT_SECRET exactly once")
    index = secret_lines[0]
    ending = lines[index][len(lines[index].rstrip("\r\n")) :]
    lines[index] = f"{SECRET_KEY}{secret}{ending}"
    lines[0] = LOCAL_HEADER + lines[0][len(EXAMPLE_HEADER) :]
    return "".join(lines)
