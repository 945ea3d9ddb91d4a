"""A document vault: tokens, scopes and clearance."""

import itertools
import json
import secrets

from flask import Flask, abort, current_app, g, request
from werkzeug.exceptions import HTTPException

from auth import build_user_store, check_password, hash_password, issue_token, require_scope

DEFAULTS = {
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 900,
    "USERS": {
        "alice": {"password": "alice-vault-123", "scopes": ["documents:read", "documents:write"],
                  "clearance": 2},
        "bob": {"password": "bob-vault-123", "scopes": ["documents:read"], "clearance": 1},
        "admin": {"password": "admin-vault-123",
                  "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
    },
    "DOCUMENTS": [
        {"title": "Cafeteria menu", "content": "Soup on Mondays.", "secret_level": 0},
        {"title": "Q3 roadmap", "content": "Ship the vault.", "secret_level": 2},
        {"title": "Merger plans", "content": "We are buying the cafeteria.", "secret_level": 4},
    ],
}


class Vault:
    """What the app derives from its config at startup: hashed users, a decoy, the documents."""

    def __init__(self, users, documents, rounds):
        self.users = build_user_store(users, rounds)
        self.decoy = hash_password(secrets.token_urlsafe(24), rounds)
        self._ids = itertools.count(1)
        self.documents = [self._stamp(dict(doc), "system") for doc in documents]

    def _stamp(self, doc, owner):
        doc["id"] = next(self._ids)
        doc["owner"] = owner
        return doc

    def add(self, title, content, level, owner):
        doc = self._stamp({"title": title, "content": content, "secret_level": level}, owner)
        self.documents.append(doc)
        return doc

    def visible_to(self, clearance):
        return [doc for doc in self.documents if doc["secret_level"] <= clearance]


def vault():
    return current_app.extensions["vault"]


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["vault"] = Vault(app.config["USERS"], app.config["DOCUMENTS"],
                                    app.config["BCRYPT_ROUNDS"])

    @app.errorhandler(HTTPException)
    def as_json(exc):
        response = exc.get_response()          # keeps WWW-Authenticate and Allow headers
        response.data = json.dumps({"error": exc.description, "status": exc.code})
        response.content_type = "application/json"
        return response

    @app.route("/token", methods=["POST"])
    def token():
        body = request.get_json(silent=True)
        body = body if isinstance(body, dict) else {}
        username, password = body.get("username"), body.get("password")
        if not (isinstance(username, str) and username and isinstance(password, str)):
            abort(400, "Send JSON with a username and a password.")
        user = vault().users.get(username)
        matched = check_password(password, user.password_hash if user else vault().decoy)
        if not (user and matched):
            abort(401, "Invalid username or password.")
        access_token, lifetime = issue_token(user)
        return {"access_token": access_token, "token_type": "bearer", "expires_in": lifetime}, 200, {
            "Cache-Control": "no-store"}

    @app.route("/documents", methods=["GET"])
    @require_scope("documents:read")
    def list_documents():
        return {"documents": vault().visible_to(g.user["clearance"])}

    @app.route("/documents", methods=["POST"])
    @require_scope("documents:write")
    def create_document():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400, "Send a JSON object.")
        title, content, level = body.get("title"), body.get("content"), body.get("secret_level")
        for name, value in (("title", title), ("content", content)):
            if not isinstance(value, str) or not value.strip():
                abort(400, f"{name} must be a non-empty string.")
        if isinstance(level, bool) or not isinstance(level, int) or level < 0:
            abort(400, "secret_level must be a whole number, 0 or more.")
        if level > g.user["clearance"]:
            abort(403, f"secret_level {level} is above your clearance ({g.user['clearance']}).")
        return vault().add(title, content, level, g.user["username"]), 201

    @app.route("/admin/users", methods=["GET"])
    @require_scope("admin")
    def list_users():
        return {"users": [user.public() for user in vault().users.values()]}

    return app


if __name__ == "__main__":
    create_app().run()
