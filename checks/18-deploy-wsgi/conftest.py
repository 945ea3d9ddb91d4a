"""Lesson 18: every check starts from a clean environment.

The app chooses its config from APP_ENV, FLASK_DEBUG and SECRET_KEY. A value left in the shell
that runs the checks must not decide what the learner's app does: each check sets its own.
"""

import pytest

WATCHED = ("APP_ENV", "SECRET_KEY", "FLASK_DEBUG", "FLASK_ENV", "FLASK_APP")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in WATCHED:
        monkeypatch.delenv(name, raising=False)
