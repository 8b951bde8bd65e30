"""The examples run in the end-to-end tests' shared runtime environment."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.conftest import RuntimeEnv, runtime_env, uv_binary

__all__ = ["examples_env", "runtime_env"]

# What the examples add to a generated project's dependencies (html-swap: jinja2).
EXAMPLE_REQUIREMENTS = ["jinja2>=3.1"]


@pytest.fixture(scope="session")
def examples_env(runtime_env: RuntimeEnv) -> RuntimeEnv:
    """The shared runtime environment, plus what the examples' code imports."""
    subprocess.run(
        [
            uv_binary(),
            "pip",
            "install",
            "--quiet",
            "--python",
            str(runtime_env.python),
            *EXAMPLE_REQUIREMENTS,
        ],
        check=True,
    )
    return runtime_env
