"""Lesson 14: give the learner's app one known user, through config, as the lesson promises."""

import pytest

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def app_config():
    return {"USERS": {EMAIL: PASSWORD}}


@pytest.fixture
def credentials():
    """The right email and password for the configured user."""
    return {"email": EMAIL, "password": PASSWORD}


@pytest.fixture
def wrong_password(credentials):
    return {**credentials, "password": "Tr0ub4dor&3"}
