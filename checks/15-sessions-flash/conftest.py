"""Lesson 15: give the learner's app one known user, through config, as the lesson promises.

The password differs from the starter's demo user on purpose: an app that ignores
config["USERS"] cannot log anyone in here.
"""

import pytest

USERNAME = "ada"
PASSWORD = "note-g-1843"


@pytest.fixture
def app_config():
    return {"USERS": {USERNAME: PASSWORD}}


@pytest.fixture
def credentials():
    """The login form filled in with the right username and password."""
    return {"username": USERNAME, "password": PASSWORD}
