"""Lesson 17: every check starts from a clean environment.

The lesson reads SECRET_KEY (and, optionally, ENV_NAME) from the environment, so a value left
in the shell that runs the checks must not decide what the learner's app does.
"""

import pytest


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("ENV_NAME", raising=False)
