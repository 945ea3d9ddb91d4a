"""The vault, as a blueprint of class-based views."""

from flask import Blueprint, Flask, g, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

from security import Vault, mint, needs, problem, vault

DEFAULTS = {
    "SECRET_KEY": "dev-only-vault-key-change-me-before-deploying",
    "BCRYPT_ROUNDS": 12,
    "TOKEN_EXPIRES_IN": 15 * 60,
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

api = Blueprint("vault", __name__)


class TokenView(MethodView):
    def post(self):
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return problem(400, "Expected a JSON object.")
        username, password = body.get("username"), body.get("password")
        if not (isinstance(username, str) and username) or not isinstance(password, str):
            return problem(400, "username (non-empty) and password are required strings.")
        account = vault().authenticate(username, password)
        if account is None:
            return problem(401, "Invalid username or password.")
        token, ttl = mint(username, account)
        resp = jsonify({"access_token": token, "token_type": "bearer", "expires_in": ttl})
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["Pragma"] = "no-cache"
        return resp


def _level(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _text(value):
    return value if isinstance(value, str) and value.strip() else None


class DocumentsView(MethodView):
    @needs("documents:read")
    def get(self):
        return jsonify(vault().visible_to(g.user["clearance"]))

    @needs("documents:write")
    def post(self):
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return problem(400, "Expected a JSON object.")
        title, content = _text(body.get("title")), _text(body.get("content"))
        if title is None or content is None:
            return problem(400, "title and content must be non-empty strings.")
        level = _level(body.get("secret_level"))
        if level is None:
            return problem(400, "secret_level must be an integer >= 0.")
        if level > g.user["clearance"]:
            return problem(403, "That secret_level is above your clearance.")
        return jsonify(vault().add(title, content, level, g.user["username"])), 201


class UsersView(MethodView):
    decorators = [needs("admin")]

    def get(self):
        return jsonify([{"username": name, "scopes": list(acc.scopes), "clearance": acc.clearance}
                        for name, acc in vault().accounts.items()])


api.add_url_rule("/token", view_func=TokenView.as_view("token"))
api.add_url_rule("/documents", view_func=DocumentsView.as_view("documents"))
api.add_url_rule("/admin/users", view_func=UsersView.as_view("users"))


def _http_error(exc: HTTPException):
    return problem(exc.code or 500, exc.description or exc.name)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.extensions["vault"] = Vault.from_config(app.config)
    app.register_blueprint(api)
    app.register_error_handler(HTTPException, _http_error)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
