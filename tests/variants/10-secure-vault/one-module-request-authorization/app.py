"""A correct alternative: everything in one module, Werkzeug's own header parsing and abort()."""

import functools
import secrets
import time

import bcrypt
import jwt
from flask import Flask, abort, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException


class Vault:
    """Users (hashed) and documents of one app."""

    def __init__(self, users, rounds, documents):
        self.rounds = rounds
        self.users = {}
        for name, entry in users.items():
            self.users[name] = {
                "hash": bcrypt.hashpw(entry["password"].encode(), bcrypt.gensalt(rounds)),
                "scopes": tuple(entry.get("scopes", ())),
                "clearance": int(entry.get("clearance", 0)),
            }
        self.decoy = bcrypt.hashpw(secrets.token_bytes(16).hex().encode(), bcrypt.gensalt(rounds))
        self.documents = [dict(doc, id=i) for i, doc in enumerate(documents, start=1)]

    def authenticate(self, username, password):
        user = self.users.get(username)
        raw = password.encode()
        ok = len(raw) <= 72 and bcrypt.checkpw(raw, user["hash"] if user else self.decoy)
        return user if (user and ok) else None


def vault():
    return current_app.extensions["vault"]


def require_scope(scope):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            auth = request.authorization
            if auth is None or auth.type != "bearer" or not auth.token:
                abort(401, "Bearer token required.")
            try:
                claims = jwt.decode(auth.token, current_app.config["SECRET_KEY"],
                                    algorithms=["HS256"], options={"require": ["exp", "sub"]})
            except jwt.PyJWTError:
                abort(401, "Invalid or expired token.")
            # Trust the signature for who the caller is, and the store for what they may do.
            user = vault().users.get(claims["sub"])
            if user is None:
                abort(401, "Invalid or expired token.")
            if scope not in user["scopes"]:
                abort(403, f"Missing scope {scope}.")
            g.username, g.clearance = claims["sub"], user["clearance"]
            return view(*args, **kwargs)
        return wrapper
    return decorator


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="another-dev-key-that-is-long-enough-for-hs256",
        BCRYPT_ROUNDS=12,
        USERS={
            "alice": {"password": "alice-vault-123", "scopes": ["documents:read", "documents:write"],
                      "clearance": 2},
            "bob": {"password": "bob-vault-123", "scopes": ["documents:read"], "clearance": 1},
            "admin": {"password": "admin-vault-123",
                      "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
        },
        DOCUMENTS=[
            {"title": "Cafeteria menu", "content": "Soup on Mondays.", "secret_level": 0},
            {"title": "Q3 roadmap", "content": "Ship the vault.", "secret_level": 2},
            {"title": "Merger plans", "content": "We are buying the cafeteria.", "secret_level": 4},
        ],
    )
    app.config.update(config or {})
    app.extensions["vault"] = Vault(app.config["USERS"], app.config["BCRYPT_ROUNDS"],
                                     app.config["DOCUMENTS"])

    @app.errorhandler(HTTPException)
    def as_json(exc):
        headers = {"WWW-Authenticate": "Bearer"} if exc.code == 401 else {}
        return jsonify(message=exc.description, status=exc.code), exc.code, headers

    @app.route("/token", methods=["POST"])
    def token():
        data = request.get_json(silent=True)
        data = data if isinstance(data, dict) else {}
        username, password = data.get("username"), data.get("password")
        if not isinstance(username, str) or not username or not isinstance(password, str):
            abort(400, "username and password are required.")
        user = vault().authenticate(username, password)
        if user is None:
            # The one body the lesson fixes word for word, outside the usual error envelope.
            return jsonify(error="Invalid username or password."), 401
        now = int(time.time())
        claims = {"sub": username, "scopes": list(user["scopes"]),
                  "clearance": user["clearance"], "iat": now, "exp": now + 900}
        return {"access_token": jwt.encode(claims, app.config["SECRET_KEY"], algorithm="HS256"),
                "token_type": "bearer"}

    @app.route("/documents", methods=["GET"])
    @require_scope("documents:read")
    def documents():
        return jsonify([d for d in vault().documents if d["secret_level"] <= g.clearance])

    @app.route("/documents", methods=["POST"])
    @require_scope("documents:write")
    def new_document():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, "JSON object expected.")
        title, content, level = data.get("title"), data.get("content"), data.get("secret_level")
        if not (isinstance(title, str) and title.strip() and isinstance(content, str)
                and content.strip() and isinstance(level, int) and not isinstance(level, bool)
                and level >= 0):
            abort(400, "title, content and secret_level are required.")
        if level > g.clearance:
            abort(403, "Your clearance is too low for that secret_level.")
        doc = {"id": len(vault().documents) + 1, "title": title, "content": content,
               "secret_level": level, "owner": g.username}
        vault().documents.append(doc)
        return doc, 201

    @app.route("/admin/users")
    @require_scope("admin")
    def users():
        return jsonify([{"username": n, "scopes": list(u["scopes"]), "clearance": u["clearance"]}
                        for n, u in vault().users.items()])

    return app


if __name__ == "__main__":
    create_app().run()
