"""Wiring data of `polepos add integration kafka|rabbitmq|redis|rq`.

Plain data, turned into codemod operations next to the files rendered from
`template/integrations/<name>/`; the templates read these settings as
`get_settings().<name>`. One `IntegrationSpec` per integration, in `INTEGRATIONS`:

- `requirement`: the PEP 508 line added to `[project].dependencies`.
- `settings_fields`: `(name, annotation, default)` of each `Settings` field, in order,
  for the block above `# polepos:integration-settings`. `annotation` and `default` are
  Python source; annotations use only names the base `settings.py` imports
  (`Literal`). The first field is always `<name>_enabled: bool = False`.
- `env_required`: `(KEY, value)` lines written active, `KEY=value`, in the block above
  `# polepos:integration-env`; the first is always `<NAME>_ENABLED=false`.
- `env_optional`: `(KEY, example)` lines written commented out, `# KEY=example`, below
  the required ones: the settings default applies until they are uncommented.
- `header`: the one-line heading comment of both blocks (without its `#`).

Defaults and values may contain `{package}` (see `PACKAGE_PLACEHOLDER`): call
`spec.for_package(package)` to get the data of one project, with the placeholder
replaced and any settings default too long for one line wrapped the way black
writes it, so the inserted block is formatted by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PACKAGE_PLACEHOLDER = "{package}"

# The generated project's black/ruff line length and `Settings` body indentation.
LINE_LENGTH = 88
FIELD_INDENT = " " * 4

SettingsField = tuple[str, str, str]
EnvLine = tuple[str, str]


@dataclass(frozen=True)
class IntegrationSpec:
    """Everything `add integration <name>` wires besides its template files."""

    name: str
    requirement: str
    settings_fields: tuple[SettingsField, ...]
    env_required: tuple[EnvLine, ...]
    env_optional: tuple[EnvLine, ...]
    header: str

    @property
    def template(self) -> str:
        """The template folder, for `render_folder`."""
        return f"integrations/{self.name}"

    @property
    def setting_names(self) -> tuple[str, ...]:
        """The `Settings` field names, in order."""
        return tuple(name for name, _, _ in self.settings_fields)

    @property
    def env_keys(self) -> tuple[str, ...]:
        """Every env key of the block, required first."""
        return tuple(key for key, _ in self.env_required + self.env_optional)

    def for_package(self, package: str) -> IntegrationSpec:
        """This spec for one project: `{package}` replaced, long defaults wrapped."""

        def text(value: str) -> str:
            return value.replace(PACKAGE_PLACEHOLDER, package)

        return replace(
            self,
            settings_fields=tuple(
                (name, annotation, _fit_default(name, annotation, text(default)))
                for name, annotation, default in self.settings_fields
            ),
            env_required=tuple((key, text(v)) for key, v in self.env_required),
            env_optional=tuple((key, text(v)) for key, v in self.env_optional),
        )


def _fit_default(name: str, annotation: str, default: str) -> str:
    """`default`, or `(` default `)` over three lines when black would split it.

    The continuation lines are indented relative to the statement: LibCST adds the
    class body's indentation when the field is inserted into `Settings`.
    """
    line = f"{FIELD_INDENT}{name}: {annotation} = {default}"
    if len(line) <= LINE_LENGTH or len(FIELD_INDENT * 2 + default) > LINE_LENGTH:
        # Black leaves an atom that cannot fit even inside parentheses on one line.
        return default
    return f"(\n{FIELD_INDENT}{default}\n)"


KAFKA = IntegrationSpec(
    name="kafka",
    requirement="aiokafka>=0.12",
    settings_fields=(
        ("kafka_enabled", "bool", "False"),
        # Comma-separated host:port pairs.
        ("kafka_bootstrap_servers", "str", '"localhost:9092"'),
        ("kafka_client_id", "str", '"{package}"'),
        ("kafka_default_topic", "str", '"{package}.events"'),
        ("kafka_group_id", "str", '"{package}"'),
        (
            "kafka_auto_offset_reset",
            'Literal["earliest", "latest", "none"]',
            '"earliest"',
        ),
        ("kafka_acks", 'Literal["0", "1", "all"]', '"all"'),
        ("kafka_request_timeout_ms", "int", "40000"),
        # Empty: no compression; else gzip, snappy, lz4 or zstd (the last three
        # need their compression library installed).
        ("kafka_compression_type", "str", '""'),
    ),
    env_required=(
        ("KAFKA_ENABLED", "false"),
        ("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        ("KAFKA_DEFAULT_TOPIC", "{package}.events"),
        ("KAFKA_GROUP_ID", "{package}"),
    ),
    env_optional=(
        ("KAFKA_CLIENT_ID", "{package}"),
        ("KAFKA_AUTO_OFFSET_RESET", "earliest"),
        ("KAFKA_ACKS", "all"),
        ("KAFKA_REQUEST_TIMEOUT_MS", "40000"),
        ("KAFKA_COMPRESSION_TYPE", ""),
    ),
    header="Kafka: polepos add integration kafka",
)

RABBITMQ = IntegrationSpec(
    name="rabbitmq",
    requirement="aio-pika>=9",
    settings_fields=(
        ("rabbitmq_enabled", "bool", "False"),
        ("rabbitmq_url", "str", '"amqp://guest:guest@localhost:5672/"'),
        # A durable topic exchange, declared by the publisher and every queue.
        ("rabbitmq_exchange", "str", '"{package}.events"'),
        ("rabbitmq_default_routing_key", "str", '"{package}.event"'),
        ("rabbitmq_default_queue", "str", '"{package}.default"'),
        ("rabbitmq_prefetch_count", "int", "10"),
    ),
    env_required=(
        ("RABBITMQ_ENABLED", "false"),
        ("RABBITMQ_URL", "amqp://guest:guest@localhost:5672/"),
        ("RABBITMQ_EXCHANGE", "{package}.events"),
        ("RABBITMQ_DEFAULT_QUEUE", "{package}.default"),
    ),
    env_optional=(
        ("RABBITMQ_DEFAULT_ROUTING_KEY", "{package}.event"),
        ("RABBITMQ_PREFETCH_COUNT", "10"),
    ),
    header="RabbitMQ: polepos add integration rabbitmq",
)

REDIS = IntegrationSpec(
    name="redis",
    requirement="redis>=5",
    settings_fields=(
        ("redis_enabled", "bool", "False"),
        ("redis_url", "str", '"redis://localhost:6379/0"'),
        # Empty: no CLIENT SETNAME on connect.
        ("redis_client_name", "str", '"{package}"'),
        ("redis_key_prefix", "str", '"{package}:"'),
        ("redis_socket_timeout", "float", "5.0"),
    ),
    env_required=(
        ("REDIS_ENABLED", "false"),
        ("REDIS_URL", "redis://localhost:6379/0"),
    ),
    env_optional=(
        ("REDIS_CLIENT_NAME", "{package}"),
        ("REDIS_KEY_PREFIX", "{package}:"),
        ("REDIS_SOCKET_TIMEOUT", "5.0"),
    ),
    header="Redis: polepos add integration redis",
)

RQ = IntegrationSpec(
    name="rq",
    requirement="rq>=1.16",
    settings_fields=(
        ("rq_enabled", "bool", "False"),
        ("rq_redis_url", "str", '"redis://localhost:6379/0"'),
        ("rq_default_queue", "str", '"{package}.default"'),
        # Empty: rq gives every worker a unique generated name.
        ("rq_worker_name", "str", '""'),
        # Seconds a job may run before the worker stops it.
        ("rq_job_timeout", "int", "180"),
        # Seconds a finished job's result is kept.
        ("rq_result_ttl", "int", "500"),
    ),
    env_required=(
        ("RQ_ENABLED", "false"),
        ("RQ_REDIS_URL", "redis://localhost:6379/0"),
        ("RQ_DEFAULT_QUEUE", "{package}.default"),
    ),
    env_optional=(
        ("RQ_WORKER_NAME", ""),
        ("RQ_JOB_TIMEOUT", "180"),
        ("RQ_RESULT_TTL", "500"),
    ),
    header="RQ (Redis Queue): polepos add integration rq",
)

INTEGRATIONS: dict[str, IntegrationSpec] = {
    spec.name: spec for spec in (KAFKA, RABBITMQ, REDIS, RQ)
}
