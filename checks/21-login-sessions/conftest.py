"""Lesson 21: the member the checks register, through the learner's own sign-up form.

Accounts live in the learner's database, so the checks create them the way a visitor does:
POST /register. The starter ships that view finished; a check that needs a member says so
when registering fails.
"""

import pytest

from flaskcourse.checking import expect

USERNAME = "ada"
PASSWORD = "note-g-1843"
REDIRECTS = (302, 303)


def register(client, username, password):
    """POST /register; expect the redirect to /login that a new account gets."""
    __tracebackhide__ = True
    response = client.post("/register", data={"username": username, "password": password})
    expect(response).status(
        *REDIRECTS,
        help=f"This check needs an account first: it registers {username!r} with POST "
             "/register, which answers a 303 to /login for a new username (the starter's view "
             "does).")
    return response


@pytest.fixture
def sign_up():
    """``sign_up(client, username, password)``: register an account, or fail saying why."""
    return register


@pytest.fixture
def credentials():
    """The login form filled in with the member's username and password."""
    return {"username": USERNAME, "password": PASSWORD}


@pytest.fixture
def member(app, credentials):
    """The member ``ada``, registered on the check's app (with a client of its own, so the
    "Account created" message does not wait in the session of the client the check uses)."""
    register(app.test_client(), **credentials)
    return credentials
