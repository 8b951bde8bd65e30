"""Fixtures for the safety tests (projects come from tests/lifecycle)."""

from tests.lifecycle.conftest import none_project, project

__all__ = ["none_project", "project"]
