"""Lesson 08: the checks' own webhook secret, handed to create_app through config.

It differs from the starter's development secret on purpose: an app that ignores
app.config["WEBHOOK_SECRET"] and signs with a secret of its own fails the checks.
"""

import pytest

SECRET = "checks-webhook-secret-5f0c2a9e"


@pytest.fixture
def secret():
    """The secret the checks sign with, the same one the app gets as WEBHOOK_SECRET."""
    return SECRET


@pytest.fixture
def app_config(secret):
    return {"WEBHOOK_SECRET": secret}
