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


PREFLIGHT_SECRET = "preflight-only-4d7b1e9c2a6f8e0b3c5d7f9a1b2c4e6d"


@pytest.hookimpl(hookwrapper=True)
def pytest_collection_finish(session):
    """The runner first imports app.py once, to see that it loads. Do that import the way a
    server would have it, with a SECRET_KEY: an app.py that builds its app at import time then
    still loads, and test_importing_app_builds_no_app says what is wrong with it, instead of
    the whole run stopping at the door."""
    import os

    before = os.environ.get("SECRET_KEY")
    os.environ["SECRET_KEY"] = PREFLIGHT_SECRET
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SECRET_KEY", None)
        else:
            os.environ["SECRET_KEY"] = before
