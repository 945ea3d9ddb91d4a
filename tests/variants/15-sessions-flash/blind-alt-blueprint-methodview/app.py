"""Lesson 15, another way: blueprints, MethodView, and a failed login that flashes and redirects."""

import secrets

from flask import Flask, redirect, url_for
from werkzeug.security import generate_password_hash

from auth import auth
from members import members


class Defaults:
    # Development only: the checks (and a real deployment) hand in their own key.
    SECRET_KEY = "dev-only: replace me with a long random key outside the repository"
    USERS = {"ada": "correct horse battery staple"}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(Defaults)
    app.config.from_mapping(config or {})

    # Hashed once, here; requests only ever check against these.
    app.config["PASSWORD_HASHES"] = {
        user: generate_password_hash(password) for user, password in app.config["USERS"].items()
    }
    app.config["DECOY_HASH"] = generate_password_hash(secrets.token_urlsafe(24))

    app.register_blueprint(auth)
    app.register_blueprint(members)
    app.add_url_rule("/", "home", lambda: redirect(url_for("members.dashboard")))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
