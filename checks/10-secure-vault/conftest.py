"""Lesson 10: three known users handed to the learner's app through config, as the lesson says."""

import copy

import pytest

# Distinctive passwords: the no-plaintext check looks for these exact strings in the app's state.
USERS = {
    "alice": {"password": "alice-plaintext-Xq7-never-stored",
              "scopes": ["documents:read", "documents:write"], "clearance": 2},
    "bob": {"password": "bob-plaintext-Kw3-never-stored",
            "scopes": ["documents:read"], "clearance": 1},
    "root": {"password": "root-plaintext-Zp9-never-stored",
             "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
}


@pytest.fixture
def app_config():
    # BCRYPT_ROUNDS 4 is the cheapest cost bcrypt allows: the checks hash and verify a lot.
    return {"USERS": copy.deepcopy(USERS), "BCRYPT_ROUNDS": 4}


@pytest.fixture
def users():
    """The configured users, with their plaintext passwords (the checks know them; the app must not keep them)."""
    return copy.deepcopy(USERS)
