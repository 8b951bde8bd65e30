"""Settings fields and `.env.example` keys of the shared `integrations/llm/` scaffold.

Plain data, turned into codemod operations on the first ai-prompt module (and removed
with the last one); the templates under `template/integrations/llm/` and
`template/modules/ai-prompt/` read these settings as `settings.<name>`.

- `LLM_SETTINGS_FIELDS`: `(name, annotation, default)` of each `Settings` field, in
  order, for the `# polepos:llm-settings` block. `annotation` and `default` are Python
  source; `Literal` is already imported by the base `settings.py`. An adopted
  project's settings module may not import it: `llm_settings_fields(adopted=True)`
  types the provider as `str` (the factory refuses an unknown one).
- `LLM_ENV_REQUIRED`: `(KEY, value)` lines written as `KEY=value` in the
  `# polepos:llm-env` block of `.env.example`.
- `LLM_ENV_OPTIONAL`: `(KEY, example)` lines written commented out, `# KEY=example`,
  below the required ones: the settings default applies until they are uncommented.
- `LLM_BLOCK_COMMENT`: an optional heading comment for both blocks.
"""

from __future__ import annotations

LLM_BLOCK_COMMENT = "LLM provider (ai-prompt modules): none, openai or anthropic"

LLM_SETTINGS_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("llm_provider", 'Literal["none", "openai", "anthropic"]', '"none"'),
    # Empty: the provider's default model (see integrations/llm/*_provider.py).
    ("llm_model", "str", '""'),
    ("llm_api_key", "str", '""'),
    # Empty: the provider's public API (https://api.openai.com/v1 or
    # https://api.anthropic.com); set it for a proxy or a compatible server.
    ("llm_base_url", "str", '""'),
    ("llm_timeout_seconds", "float", "30.0"),
    ("llm_max_tokens", "int", "1024"),
)

LLM_ENV_REQUIRED: tuple[tuple[str, str], ...] = (
    ("LLM_PROVIDER", "none"),
    ("LLM_MODEL", ""),
    ("LLM_API_KEY", ""),
)

LLM_ENV_OPTIONAL: tuple[tuple[str, str], ...] = (
    ("LLM_BASE_URL", ""),
    ("LLM_TIMEOUT_SECONDS", "30"),
    ("LLM_MAX_TOKENS", "1024"),
)


def llm_settings_fields(*, adopted: bool) -> tuple[tuple[str, str, str], ...]:
    """The LLM settings block of a generated (`Literal` provider) or adopted project."""
    if not adopted:
        return LLM_SETTINGS_FIELDS
    return tuple(
        (name, "str" if name == "llm_provider" else annotation, default)
        for name, annotation, default in LLM_SETTINGS_FIELDS
    )
