"""What `polepos add auth` generates and needs, as plain data for its codemods.

The users workflow lives in `template/auth/` (rendered into `src/<pkg>/modules/auth/`
and its tests) and is wired like a module named `auth` (router under `/auth`, model
in `import_models()`, `"auth"` in `modules.__all__`); it needs a database, and its
wiring never lives in the templates:

- `AUTH_REQUIREMENTS`: runtime requirements added to `pyproject.toml`. pwdlib hashes
  passwords with Argon2id; email-validator backs pydantic's `EmailStr`.
- `AUTH_SETTINGS_FIELDS`: `(name, annotation, default)` of each `Settings` field, in
  order, for the `# polepos:auth-settings` block (`annotation` and `default` are
  Python source); the templates read them as `settings.<name>`.
- `AUTH_ENV_REQUIRED`: `(KEY, value)` lines written as `KEY=value` in the
  `# polepos:auth-env` block of `.env.example`.
- `AUTH_ENV_OPTIONAL`: `(KEY, example)` lines written commented out, `# KEY=example`,
  below the required ones.
- `AUTH_HEADER`: the heading comment of both blocks.
"""

from __future__ import annotations

AUTH_REQUIREMENTS: tuple[str, ...] = (
    "pwdlib[argon2]>=0.2",
    "email-validator>=2.0",
)

AUTH_HEADER = "Users workflow (polepos add auth)"

AUTH_SETTINGS_FIELDS: tuple[tuple[str, str, str], ...] = (
    # False: `POST /auth/register` answers 403 (create users by other means).
    ("auth_allow_registration", "bool", "True"),
    # Registration attempts, and failed logins, allowed per client IP and per
    # account in each window; beyond them, 429 with `Retry-After`.
    ("auth_rate_limit_attempts", "int", "10"),
    ("auth_rate_limit_window_seconds", "int", "300"),
)

AUTH_ENV_REQUIRED: tuple[tuple[str, str], ...] = (
    ("AUTH_ALLOW_REGISTRATION", "true"),
    ("AUTH_RATE_LIMIT_ATTEMPTS", "10"),
    ("AUTH_RATE_LIMIT_WINDOW_SECONDS", "300"),
)

AUTH_ENV_OPTIONAL: tuple[tuple[str, str], ...] = ()
