"""Vault with a MethodView for /documents and an ApiError exception for every refusal."""

import itertools
import secrets

from flask import Flask, current_app, g, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

from auth import ApiError, build_user_store, check_password, hash_password, issue_token, require_scope

DEFAULTS = {
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 20 * 60,
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


def state():
    return current_app.extensions["vault"]


class Documents(MethodView):
    @require_scope("documents:read")
    def get(self):
        clearance = g.user["clearance"]
        return jsonify(documents=[d for d in state()["documents"] if d["secret_level"] <= clearance])

    @require_scope("documents:write")
    def post(self):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise ApiError(400, "Send a JSON object.")
        for key in ("title", "content"):
            value = payload.get(key)
            if not isinstance(value, str) or value.strip() == "":
                raise ApiError(400, f"{key} must be a non-empty string.")
        level = payload.get("secret_level")
        if type(level) is not int or level < 0:
            raise ApiError(400, "secret_level must be a whole number, 0 or more.")
        if level > g.user["clearance"]:
            raise ApiError(403, f"secret_level {level} is above your clearance ({g.user['clearance']}).")
        doc = dict(id=next(state()["ids"]), title=payload["title"], content=payload["content"],
                   secret_level=level, owner=g.user["username"])
        state()["documents"].append(doc)
        return jsonify(doc), 201


def create_app(config=None):
    app = Flask(__name__)
    settings = dict(DEFAULTS)
    settings.update(config or {})
    app.config.from_mapping(settings)
    rounds = app.config["BCRYPT_ROUNDS"]
    counter = itertools.count(1)
    app.extensions["vault"] = {
        "users": build_user_store(app.config["USERS"], rounds),
        "decoy": hash_password(secrets.token_urlsafe(16), rounds),
        "ids": counter,
        "documents": [dict(doc, id=next(counter), owner="system") for doc in app.config["DOCUMENTS"]],
    }

    @app.errorhandler(ApiError)
    def api_error(exc):
        response = jsonify(error=exc.message)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response, exc.status

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return jsonify(error=exc.description), exc.code

    @app.post("/token")
    def login():
        creds = request.get_json(silent=True) or {}
        if not isinstance(creds, dict):
            creds = {}
        username, password = creds.get("username"), creds.get("password")
        if not isinstance(username, str) or not username or not isinstance(password, str):
            raise ApiError(400, "Send JSON with a username and a password.")
        user = state()["users"].get(username)
        valid = check_password(password, (user or {}).get("hash", state()["decoy"]))
        if user is None or not valid:
            raise ApiError(401, "Invalid username or password.")
        access_token, expires_in = issue_token(username, user)
        return jsonify(access_token=access_token, token_type="bearer", expires_in=expires_in)

    @app.get("/admin/users")
    @require_scope("admin")
    def admin_users():
        users = state()["users"]
        return jsonify(users=[dict(username=n, scopes=u["scopes"], clearance=u["clearance"])
                              for n, u in users.items()])

    app.add_url_rule("/documents", view_func=Documents.as_view("documents"))
    return app
