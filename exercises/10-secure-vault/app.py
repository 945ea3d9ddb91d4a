"""Lesson 10: a secure document vault.

POST /token         username + password -> a signed JWT (bearer token)
GET  /documents     the documents at or below your clearance       (scope documents:read)
POST /documents     file a document, never above your own clearance (scope documents:write)
GET  /admin/users   who has an account, without any password        (scope admin)

Start in auth.py (hashing, tokens, the decorator), then fill in the views below.
"""

# Some of these imports are only used once you fill in the TODOs (hence the noqa comments).
import itertools
import secrets  # noqa: F401

from flask import Flask, current_app, g, jsonify, request  # noqa: F401
from werkzeug.exceptions import HTTPException

from auth import (  # noqa: F401
    build_user_store, check_password, error, hash_password, issue_token, require_scope,
)

DEFAULTS = {
    # Development only: a real deployment reads its key from the environment (lesson 17).
    # HS256 wants a key of at least 32 bytes.
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    # bcrypt's cost factor: 2**12 rounds takes a few hundred milliseconds, on purpose.
    # The checks pass BCRYPT_ROUNDS = 4 so they stay fast: always hash with this setting.
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 30 * 60,   # seconds
    # Demo accounts so `flaskcourse serve` has someone to log in as. The checks pass their own
    # USERS in the same shape.
    "USERS": {
        "alice": {"password": "alice-vault-123", "scopes": ["documents:read", "documents:write"],
                  "clearance": 2},
        "bob": {"password": "bob-vault-123", "scopes": ["documents:read"], "clearance": 1},
        "admin": {"password": "admin-vault-123",
                  "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
    },
    # A few documents to look at. secret_level 0 is public, 5 is the most secret.
    "DOCUMENTS": [
        {"title": "Cafeteria menu", "content": "Soup on Mondays.", "secret_level": 0},
        {"title": "Q3 roadmap", "content": "Ship the vault.", "secret_level": 2},
        {"title": "Merger plans", "content": "We are buying the cafeteria.", "secret_level": 4},
    ],
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # The app's own state, derived from the config once at startup. Keep it here, in
    # app.extensions, and don't write it back into app.config: config is what the app was given.
    rounds = app.config["BCRYPT_ROUNDS"]
    ids = itertools.count(1)
    app.extensions["vault"] = {
        "users": build_user_store(app.config["USERS"], rounds),
        "ids": ids,
        "documents": [{"id": next(ids), "owner": "system", **doc}
                      for doc in app.config["DOCUMENTS"]],
    }
    # TODO: also keep a "decoy_hash" here (hash_password of a random secrets.token_urlsafe(16)),
    #       to check when the username is unknown: then both failures take as long.

    @app.errorhandler(HTTPException)
    def json_errors(exc):
        # 404, 405 and the 500 Flask makes from a crash: JSON like every other error here.
        return error(exc.code or 500, exc.description)

    @app.post("/token")
    def login():
        # TODO 1. data = request.get_json(silent=True); without a string username and
        #         password: error(400, ...).
        # TODO 2. Look the user up in current_app.extensions["vault"]["users"] and
        #         check_password. An unknown user and a wrong password end in the SAME
        #         error(401, "Invalid username or password.").
        # TODO 3. token, lifetime = issue_token(username, user); answer
        #         {"access_token": token, "token_type": "bearer", "expires_in": lifetime}.
        return error(501, "POST /token is not written yet: see the TODOs in app.py.")

    @app.get("/documents")
    @require_scope("documents:read")
    def list_documents():
        # TODO: the documents whose secret_level <= g.user["clearance"], as
        #       {"documents": [...]} (or a plain list).
        return error(501, "GET /documents is not written yet: see the TODOs in app.py.")

    @app.post("/documents")
    @require_scope("documents:write")
    def create_document():
        # TODO 1. Validate the JSON: title and content non-empty strings, secret_level a whole
        #         number >= 0 (careful: True is an int too). Otherwise error(400, ...).
        # TODO 2. secret_level above g.user["clearance"]: error(403, ...), and store nothing.
        # TODO 3. Append {"id": next(ids), "title", "content", "secret_level", "owner"} to the
        #         vault's documents and answer it with status 201.
        return error(501, "POST /documents is not written yet: see the TODOs in app.py.")

    @app.get("/admin/users")
    @require_scope("admin")
    def list_users():
        # TODO: {"users": [{"username", "scopes", "clearance"}, ...]}, built field by field.
        #       Never the stored records themselves: they hold the password hashes.
        return error(501, "GET /admin/users is not written yet: see the TODOs in app.py.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
