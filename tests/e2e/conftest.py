"""End-to-end fixtures: one shared runtime environment per session, real servers.

Installing a generated project's dependencies for every test would take
minutes, so the session builds one virtual environment holding every runtime
dependency any generated project may declare, and installs each generated
project into it without dependencies. Each project gets a `.venv` symlink to
that environment, so `polepos db ...` finds it exactly as it would a real one.

Under pytest-xdist the requirements are resolved and downloaded once per run,
under a file lock in a folder every worker shares (keyed by the requirements'
hash); each worker then builds its own environment from uv's warm cache in
about a second. One environment per worker, not one per run, because tests
install same-named projects (`shop_api`) into it: two workers sharing one
would import each other's code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pole_position.cli.services.render.templates import render_folder


def feature_requirements() -> list[str]:
    """Requirements `add integration` and `add auth` may introduce."""
    from pole_position.cli.services.catalog.auth import AUTH_REQUIREMENTS
    from pole_position.cli.services.catalog.integrations import INTEGRATIONS
    from pole_position.cli.services.plans.module.llm import HTTPX

    return [
        *(spec.requirement for spec in INTEGRATIONS.values()),
        *AUTH_REQUIREMENTS,
        HTTPX,
    ]


POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
# What starlette >= 1.2 warns when its TestClient finds httpx but not httpx2.
STARLETTE_WARNING = "StarletteDeprecationWarning"


def uv_binary() -> str:
    """The uv executable that ships with the dev extras."""
    from uv import find_uv_bin

    return str(find_uv_bin())


def generated_requirements() -> list[str]:
    """Every runtime and dev requirement that any database mode's pyproject declares."""
    requirements: set[str] = set(feature_requirements())
    for db in ("sqlite", "postgres", "none"):
        context = {
            "project_name": "probe",
            "package": "probe",
            "db": db,
            "no_bytecode": False,
            "polepos_version": "0",
        }
        pyproject = tomllib.loads(render_folder("project", context)["pyproject.toml"])
        project = pyproject["project"]
        requirements.update(project.get("dependencies", []))
        for extra in project.get("optional-dependencies", {}).values():
            requirements.update(extra)
    return sorted(requirements)


class RuntimeEnv:
    """A shared virtual environment that generated projects are installed into."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.python = path / "bin" / "python"

    def install_project(self, root: Path) -> None:
        """Install a generated project without dependencies and link it as its .venv."""
        subprocess.run(
            [
                uv_binary(),
                "pip",
                "install",
                "--quiet",
                "--python",
                str(self.python),
                "--no-deps",
                "-e",
                str(root),
            ],
            check=True,
        )
        link = root / ".venv"
        if not link.exists():
            link.symlink_to(self.path, target_is_directory=True)

    def own_tests(self, root: Path, extra: dict[str, str] | None = None) -> str:
        """Run a generated project's own pytest suite; it must pass. Its output."""
        result = self.run(
            "python", "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
            cwd=root, env=extra,
        )  # fmt: skip
        output = result.stdout + result.stderr
        assert result.returncode == 0, output[-6000:]
        assert " passed" in result.stdout
        assert " failed" not in result.stdout
        # The dev extra's httpx2 keeps starlette's TestClient off its deprecated httpx.
        assert STARLETTE_WARNING not in output, output[-6000:]
        return result.stdout

    def run(
        self,
        *args: str,
        cwd: Path,
        env: dict[str, str] | None = None,
        timeout: float = 600,
    ) -> subprocess.CompletedProcess[str]:
        """Run a program of the environment (`python`, `pytest`, ...) in `cwd`."""
        program = str(self.path / "bin" / args[0])
        return subprocess.run(
            [program, *args[1:]],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def run_shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every pytest-xdist worker of this run shares (the session's, alone)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock` (created if needed) across processes."""
    import fcntl

    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def runtime_env(tmp_path_factory: pytest.TempPathFactory) -> RuntimeEnv:
    """Build this worker's runtime environment from the run's pinned requirements."""
    requirements = generated_requirements()
    text = "\n".join([sys.version, *requirements])
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    shared = run_shared_folder(tmp_path_factory) / f"runtime-{key}"
    shared.mkdir(exist_ok=True)
    path = tmp_path_factory.mktemp("runtime") / "venv"
    uv = uv_binary()
    # The first worker resolves and downloads while the others wait for the lock;
    # they then install the same pinned versions from uv's cache.
    with exclusive(shared / "lock"):
        pinned = shared / "requirements.txt"
        if not pinned.exists():
            wanted = shared / "requirements.in"
            wanted.write_text("\n".join(requirements) + "\n", encoding="utf-8")
            subprocess.run(
                [
                    uv,
                    "pip",
                    "compile",
                    "--quiet",
                    "--python",
                    sys.executable,
                    str(wanted),
                    "-o",
                    str(shared / "requirements.tmp"),
                ],
                check=True,
            )
            (shared / "requirements.tmp").rename(pinned)
        subprocess.run(
            [uv, "venv", "--quiet", "--python", sys.executable, str(path)], check=True
        )
        subprocess.run(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(path / "bin" / "python"),
                "-r",
                str(pinned),
            ],
            check=True,
        )
    return RuntimeEnv(path)


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(
    env: RuntimeEnv, root: Path, package: str, extra_env: dict[str, str]
) -> Iterator[str]:
    """Run the generated app with Uvicorn on a free port; yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(env.path / "bin" / "python"),
            "-m",
            "uvicorn",
            f"{package}.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=root,
        env={**os.environ, **extra_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/openapi.json", timeout=1)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    output = process.stdout.read() if process.stdout else ""
                    raise AssertionError(f"server did not start:\n{output}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def postgres_available() -> bool:
    """Whether the machine's PostgreSQL server accepts connections."""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5432), 1):
        return True
    return False


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """A fresh database on the real server, dropped afterwards; yields its URL."""
    if not postgres_available():
        pytest.fail("PostgreSQL is not running on 127.0.0.1:5432 (.ci/run starts it)")
    name = f"polepos_e2e_{uuid.uuid4().hex[:10]}"
    _psql(f"CREATE DATABASE {name}", check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


def _psql(statement: str, *, check: bool) -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-q",
            "-c",
            statement,
        ],
        check=check,
    )


def call_json(
    base: str, method: str, path: str, body: Any = None, token: str | None = None
) -> tuple[int, Any]:
    """One JSON request to a served app: (status, decoded body or None)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None
