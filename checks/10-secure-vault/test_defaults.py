"""Lesson 10: what create_app serves when the config brings no USERS and no DOCUMENTS.

`flaskcourse serve` builds the app with no config at all, so the three users the lesson shows
(and its three documents) have to be the app's own defaults. This module's app_config leaves
USERS and DOCUMENTS out and keeps only the cheap bcrypt cost.
"""

import jwt
import pytest

from flaskcourse.checking import expect, show_json

DEFAULT_USERS = {
    "alice": {"password": "alice-vault-123", "scopes": ["documents:read", "documents:write"],
              "clearance": 2},
    "bob": {"password": "bob-vault-123", "scopes": ["documents:read"], "clearance": 1},
    "admin": {"password": "admin-vault-123",
              "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
}
DEFAULT_DOCUMENTS = [("Cafeteria menu", 0), ("Q3 roadmap", 2), ("Merger plans", 4)]
SAID = "(create_app built without USERS and DOCUMENTS in its config)"


@pytest.fixture
def app_config():
    return {"BCRYPT_ROUNDS": 4}


def _login(client, name):
    __tracebackhide__ = True
    user = DEFAULT_USERS[name]
    response = client.post("/token", json={"username": name, "password": user["password"]})
    e = expect(response)
    e.request = f"{e.request}   {SAID}"
    e.status(200, help="Keep the lesson's three users as create_app's default USERS, so "
                       "`flaskcourse serve` has someone to log in as.")
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token.count(".") == 2, "an access_token that is a JWT")
    return e, token


def test_default_users_can_log_in(client):
    """built without USERS, the app lets alice, bob and admin log in, with their scopes and clearance"""
    for name, user in DEFAULT_USERS.items():
        e, token = _login(client, name)
        claims = jwt.decode(token, options={"verify_signature": False})
        want = {"scopes": sorted(user["scopes"]), "clearance": user["clearance"]}
        scopes = claims.get("scopes")
        got = {"scopes": sorted(scopes) if isinstance(scopes, list) else scopes,
               "clearance": claims.get("clearance")}
        e.that(got == want, f"{name}'s token with {show_json(want)}, as the lesson's USERS say",
               got=f"claims {show_json(claims)}")


def _documents(e, body):
    if isinstance(body, dict):
        lists = [v for v in body.values() if isinstance(v, list)]
        body = lists[0] if len(lists) == 1 else body
    e.that(isinstance(body, list) and all(isinstance(d, dict) for d in body),
           "a JSON list of documents, or an object holding one such list")
    return [(d.get("title"), d.get("secret_level")) for d in body]


def test_default_documents_are_listed(client):
    """built without DOCUMENTS, alice sees the Cafeteria menu and the Q3 roadmap, admin the Merger plans too"""
    for name, wanted in (("alice", DEFAULT_DOCUMENTS[:2]), ("admin", DEFAULT_DOCUMENTS)):
        _, token = _login(client, name)
        response = client.get("/documents", headers={"Authorization": f"Bearer {token}"})
        e = expect(response)
        e.request = f"{e.request}   (as {name}) {SAID}"
        e.status(200)
        got = _documents(e, e.json())
        e.that(sorted(got, key=str) == sorted(wanted, key=str),
               f"exactly the documents (title, secret_level) {show_json(wanted)}",
               got=show_json(got),
               help="Keep the lesson's three documents as create_app's default DOCUMENTS, with "
                    "their secret levels 0, 2 and 4.")
