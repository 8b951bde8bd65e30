"""Documented commands run with the user's environment, not the suite's additions."""

from __future__ import annotations

import os

from tests.conftest import VERIFY_TEXT_FACES
from tests.examples._support import user_environ


def test_the_suites_text_face_verification_stays_out_of_documented_runs() -> None:
    assert os.environ.get(VERIFY_TEXT_FACES) == "1"  # the suite's own runs verify
    env = user_environ()
    assert VERIFY_TEXT_FACES not in env
    assert "VIRTUAL_ENV" not in env
    assert env.get("PATH") == os.environ.get("PATH")
