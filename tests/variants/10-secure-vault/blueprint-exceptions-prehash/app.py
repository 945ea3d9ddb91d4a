"""A correct alternative: the routes live in a blueprint module."""

from flask import Flask, jsonify

import vault


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev-vault-secret-key-please-change-me-0001",
        BCRYPT_ROUNDS=12,
        TOKEN_MINUTES=10,
        USERS={"carol": {"password": "carol-pass", "scopes": ["documents:read"], "clearance": 0}},
    )
    if config:
        app.config.from_mapping(config)
    app.register_blueprint(vault.make_blueprint(app.config["USERS"], app.config["BCRYPT_ROUNDS"]))

    @app.errorhandler(vault.ApiError)
    def api_error(exc):
        return jsonify(error=exc.message, code=exc.status), exc.status

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(500)
    def http_error(exc):
        return jsonify(error=exc.name, code=exc.code), exc.code

    return app


if __name__ == "__main__":
    create_app().run(port=5000)
