"""The vault, in the style of tuples: every view returns (body, status[, headers])."""

import secrets

from flask import Flask, current_app, g, request

from auth import build_user_store, check_password, error, hash_password, issue_token, require_scope

DEFAULTS = {
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 3600,
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


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.from_mapping(config)
    rounds = app.config["BCRYPT_ROUNDS"]
    docs = []
    for doc in app.config["DOCUMENTS"]:
        docs.append({"id": len(docs) + 1, "owner": "system", "title": doc["title"],
                     "content": doc["content"], "secret_level": doc["secret_level"]})
    app.extensions["vault"] = {
        "users": build_user_store(app.config["USERS"], rounds),
        "decoy": hash_password(secrets.token_hex(16), rounds),
        "documents": docs,
    }

    for code in (404, 405):
        app.register_error_handler(code, lambda e: ({"error": e.description}, e.code))
    app.register_error_handler(500, lambda e: ({"error": "Internal server error."}, 500))

    @app.post("/token")
    def token():
        data = request.get_json(silent=True)
        username = data.get("username") if isinstance(data, dict) else None
        password = data.get("password") if isinstance(data, dict) else None
        if type(username) is not str or type(password) is not str or not username:
            return error(400, "Send JSON with a username and a password.")
        state = current_app.extensions["vault"]
        record = state["users"].get(username)
        ok = check_password(password, record[0] if record else state["decoy"])
        if record is None or not ok:
            return error(401, "Invalid username or password.")
        _, scopes, clearance = record
        return {"access_token": issue_token(username, scopes, clearance), "token_type": "bearer"}

    @app.get("/documents")
    @require_scope("documents:read")
    def list_documents():
        # A plain list (the starter allows either shape).
        return [d for d in current_app.extensions["vault"]["documents"]
                if d["secret_level"] <= g.user["clearance"]]

    @app.post("/documents")
    @require_scope("documents:write")
    def create_document():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error(400, "Send a JSON object with title, content and secret_level.")
        if not all(isinstance(data.get(k), str) and data[k].strip() for k in ("title", "content")):
            return error(400, "title and content must be non-empty strings.")
        level = data.get("secret_level")
        if type(level) is not int or level < 0:
            return error(400, "secret_level must be a whole number, 0 or more.")
        if level > g.user["clearance"]:
            return error(403, f"secret_level {level} is above your clearance ({g.user['clearance']}).")
        docs = current_app.extensions["vault"]["documents"]
        doc = {"id": max((d["id"] for d in docs), default=0) + 1, "owner": g.user["username"],
               "title": data["title"], "content": data["content"], "secret_level": level}
        docs.append(doc)
        return doc, 201

    @app.get("/admin/users")
    @require_scope("admin")
    def list_users():
        return {"users": [{"username": name, "scopes": scopes, "clearance": clearance}
                          for name, (_, scopes, clearance) in current_app.extensions["vault"]["users"].items()]}

    return app
