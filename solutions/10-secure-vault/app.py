"""Lesson 10: a secure document vault.

POST /token         username + password -> a signed JWT (bearer token)
GET  /documents     the documents at or below your clearance       (scope documents:read)
POST /documents     file a document, never above your own clearance (scope documents:write)
GET  /admin/users   who has an account, without any password        (scope admin)
"""

import itertools
import secrets

from flask import Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from auth import build_user_store, check_password, error, hash_password, issue_token, require_scope

DEFAULTS = {
    # Development only: a real deployment reads its key from the environment (lesson 17).
    # HS256 wants a key of at least 32 bytes.
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    # bcrypt's cost factor: 2**12 rounds takes a few hundred milliseconds, on purpose.
    # Tests pass a small number so they stay fast.
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 30 * 60,   # seconds
    # Demo accounts so `flaskcourse serve` has someone to log in as. The passwords are hashed
    # at startup; a real app would keep users in a database, already hashed.
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

    # Config is what the app was *given*; the hashed users are state the app *derives* from it,
    # so they live in app.extensions, not back in app.config. Each app gets its own store.
    rounds = app.config["BCRYPT_ROUNDS"]
    ids = itertools.count(1)
    app.extensions["vault"] = {
        "users": build_user_store(app.config["USERS"], rounds),
        # Checked when the username is unknown, so that an unknown user costs as much time
        # as a wrong password: the response time must not tell who has an account.
        "decoy_hash": hash_password(secrets.token_urlsafe(16), rounds),
        "ids": ids,
        "documents": [{"id": next(ids), "owner": "system", **doc}
                      for doc in app.config["DOCUMENTS"]],
    }

    @app.errorhandler(HTTPException)
    def json_errors(exc):
        # 404, 405 and the 500 Flask makes from a crash: JSON like every other error here.
        return error(exc.code or 500, exc.description)

    @app.post("/token")
    def login():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            data = {}
        username, password = data.get("username"), data.get("password")
        if not isinstance(username, str) or not isinstance(password, str) or not username:
            return error(400, "Send JSON with a username and a password.")

        vault = current_app.extensions["vault"]
        user = vault["users"].get(username)
        # Always check one hash, the user's or the decoy, and end both failures in the SAME
        # response: neither the message nor the time taken reveals which usernames exist.
        password_ok = check_password(password, user["password_hash"] if user else vault["decoy_hash"])
        if user is None or not password_ok:
            return error(401, "Invalid username or password.")

        token, lifetime = issue_token(username, user)
        response = jsonify(access_token=token, token_type="bearer", expires_in=lifetime)
        response.headers["Cache-Control"] = "no-store"   # a credential: no cache keeps a copy
        return response

    @app.get("/documents")
    @require_scope("documents:read")
    def list_documents():
        # Filter on the server: a document above your clearance is never sent at all.
        visible = [doc for doc in current_app.extensions["vault"]["documents"]
                   if doc["secret_level"] <= g.user["clearance"]]
        return jsonify(documents=visible, clearance=g.user["clearance"])

    @app.post("/documents")
    @require_scope("documents:write")
    def create_document():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error(400, "Send a JSON object with title, content and secret_level.")
        for field in ("title", "content"):
            if not isinstance(data.get(field), str) or not data[field].strip():
                return error(400, f"{field} must be a non-empty string.")
        level = data.get("secret_level")
        if type(level) is not int or level < 0:   # type() check: True is an int in Python
            return error(400, "secret_level must be a whole number, 0 or more.")

        # The scope says you may write; your clearance says how secret. Filing a document you
        # could not read back would let anyone with write access plant or overwrite secrets.
        if level > g.user["clearance"]:
            return error(403, f"secret_level {level} is above your clearance "
                              f"({g.user['clearance']}).")

        vault = current_app.extensions["vault"]
        doc = {"id": next(vault["ids"]), "title": data["title"], "content": data["content"],
               "secret_level": level, "owner": g.user["username"]}
        vault["documents"].append(doc)
        return jsonify(doc), 201

    @app.get("/admin/users")
    @require_scope("admin")
    def list_users():
        # Build the answer field by field: returning the stored dicts would send the hashes.
        users = [{"username": name, "scopes": user["scopes"], "clearance": user["clearance"]}
                 for name, user in current_app.extensions["vault"]["users"].items()]
        return jsonify(users=users)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
