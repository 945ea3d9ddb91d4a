"""Lesson 10 vault, another way: a single module, one guard run before every request."""

import datetime as dt
import secrets
import uuid

import bcrypt
import jwt
from flask import Flask, current_app, g, jsonify, request

DEFAULTS = {
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 20 * 60,
    "USERS": {
        "alice": {"password": "alice-vault-123", "scopes": ["documents:read", "documents:write"], "clearance": 2},
        "bob": {"password": "bob-vault-123", "scopes": ["documents:read"], "clearance": 1},
        "admin": {"password": "admin-vault-123", "scopes": ["documents:read", "documents:write", "admin"], "clearance": 5},
    },
    "DOCUMENTS": [
        {"title": "Cafeteria menu", "content": "Soup on Mondays.", "secret_level": 0},
        {"title": "Q3 roadmap", "content": "Ship the vault.", "secret_level": 2},
        {"title": "Merger plans", "content": "We are buying the cafeteria.", "secret_level": 4},
    ],
}

# endpoint -> the scope it needs; endpoints not listed are open (only /token)
REQUIRED_SCOPE = {
    "list_documents": "documents:read",
    "file_document": "documents:write",
    "admin_users": "admin",
}


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


class Unauthenticated(ApiError):
    def __init__(self, message):
        super().__init__(401, message)


def _bytes(password):
    return password.encode("utf-8")


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.from_mapping(config)

    cost = app.config["BCRYPT_ROUNDS"]
    state = {
        "accounts": {
            name: (bcrypt.hashpw(_bytes(spec["password"]), bcrypt.gensalt(cost)),
                   tuple(spec.get("scopes", ())), int(spec.get("clearance", 0)))
            for name, spec in app.config["USERS"].items()
        },
        "decoy": bcrypt.hashpw(secrets.token_bytes(24).hex().encode(), bcrypt.gensalt(cost)),
        "docs": {},
    }
    for seed in app.config["DOCUMENTS"]:
        key = uuid.uuid4().hex[:12]
        state["docs"][key] = {"id": key, "title": seed["title"], "content": seed["content"],
                              "secret_level": seed["secret_level"], "owner": "system"}
    app.extensions["secure_vault"] = state

    @app.errorhandler(ApiError)
    def api_error(exc):
        resp = jsonify(error=exc.message)
        resp.status_code = exc.status
        if exc.status == 401 and request.endpoint in REQUIRED_SCOPE:
            resp.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return resp

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(500)
    def http_error(exc):
        code = getattr(exc, "code", 500) or 500
        return jsonify(error=getattr(exc, "description", "Server error.")), code

    @app.before_request
    def guard():
        needed = REQUIRED_SCOPE.get(request.endpoint) if request.url_rule else None
        if needed is None:
            return None
        header = request.headers.get("Authorization") or ""
        scheme, sep, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.casefold() != "bearer" or not sep or not token or " " in token:
            raise Unauthenticated("Missing or malformed bearer token.")
        try:
            claims = jwt.decode(token, current_app.config["SECRET_KEY"], algorithms=["HS256"],
                                options={"require": ["exp"]})
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The token has expired.") from None
        except jwt.InvalidTokenError:
            raise Unauthenticated("The token is not valid.") from None
        scopes, clearance = claims.get("scopes"), claims.get("clearance")
        if (not isinstance(claims.get("sub"), str) or not isinstance(scopes, list)
                or type(clearance) is not int):
            raise Unauthenticated("The token is not valid.")
        if needed not in scopes:
            raise ApiError(403, f"Scope {needed!r} required.")
        g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
        return None

    @app.route("/token", methods=["POST"])
    def token():
        body = request.get_json(silent=True)
        username = body.get("username") if isinstance(body, dict) else None
        password = body.get("password") if isinstance(body, dict) else None
        if not isinstance(username, str) or username == "" or not isinstance(password, str):
            raise ApiError(400, "Send {\"username\": ..., \"password\": ...} as JSON.")
        vault = current_app.extensions["secure_vault"]
        account = vault["accounts"].get(username)
        raw = _bytes(password)
        if len(raw) > 72:
            # bcrypt would refuse it; spend a check anyway so the time says nothing.
            bcrypt.checkpw(b"x", vault["decoy"])
            matched = False
        else:
            matched = bcrypt.checkpw(raw, account[0] if account else vault["decoy"])
        if account is None or not matched:
            raise ApiError(401, "Invalid username or password.")
        _, scopes, clearance = account
        now = dt.datetime.now(dt.timezone.utc)
        ttl = int(current_app.config["TOKEN_EXPIRES_IN"])
        encoded = jwt.encode({"sub": username, "scopes": list(scopes), "clearance": clearance,
                              "iat": now, "exp": now + dt.timedelta(seconds=ttl)},
                             current_app.config["SECRET_KEY"], algorithm="HS256")
        resp = jsonify(access_token=encoded, token_type="bearer", expires_in=ttl)
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.route("/documents", methods=["GET"])
    def list_documents():
        docs = current_app.extensions["secure_vault"]["docs"].values()
        items = [d for d in docs if d["secret_level"] <= g.user["clearance"]]
        return {"items": items, "count": len(items)}

    @app.route("/documents", methods=["POST"])
    def file_document():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "The body must be a JSON object.")
        fields = {}
        for name in ("title", "content"):
            value = body.get(name)
            if not isinstance(value, str) or value.strip() == "":
                raise ApiError(400, f"'{name}' must be a non-empty string.")
            fields[name] = value
        level = body.get("secret_level")
        if isinstance(level, bool) or not isinstance(level, int) or level < 0:
            raise ApiError(400, "'secret_level' must be a whole number >= 0.")
        if level > g.user["clearance"]:
            raise ApiError(403, f"You are cleared up to {g.user['clearance']}, not {level}.")
        key = uuid.uuid4().hex[:12]
        doc = {"id": key, **fields, "secret_level": level, "owner": g.user["username"]}
        current_app.extensions["secure_vault"]["docs"][key] = doc
        return doc, 201

    @app.route("/admin/users", methods=["GET"])
    def admin_users():
        accounts = current_app.extensions["secure_vault"]["accounts"]
        return {"users": {name: {"scopes": list(scopes), "clearance": clearance}
                          for name, (_hash, scopes, clearance) in accounts.items()}}

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
