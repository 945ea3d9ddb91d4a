"""A correct alternative: the routes live in a blueprint module."""

from flask import Flask, jsonify

import vault


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev-vault-secret-key-please-change-me-0001",
        BCRYPT_ROUNDS=12,
        TOKEN_MINUTES=10,
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
    if config:
        app.config.from_mapping(config)
    app.register_blueprint(vault.make_blueprint(app.config["USERS"], app.config["BCRYPT_ROUNDS"],
                                             app.config["DOCUMENTS"]))

    @app.errorhandler(vault.ApiError)
    def api_error(exc):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        return jsonify(error=exc.message, code=exc.status), exc.status, headers

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(500)
    def http_error(exc):
        return jsonify(error=exc.name, code=exc.code), exc.code

    return app


if __name__ == "__main__":
    create_app().run(port=5000)
