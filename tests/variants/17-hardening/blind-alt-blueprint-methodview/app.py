"""Lesson 17, another way: an extension object, a blueprint and a MethodView."""

import os
import secrets

from flask import Flask

from hardening import Hardening
from views import bp

BASE_SETTINGS = {
    "MAX_CONTENT_LENGTH": 32 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "DISPLAY_NAME": "Ada",
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(BASE_SETTINGS)
    app.config.update(config or {})

    env_name = app.config.get("ENV_NAME") or os.getenv("ENV_NAME") or "development"
    app.config["ENV_NAME"] = env_name
    production = env_name == "production"

    secret = app.config.get("SECRET_KEY") or os.getenv("SECRET_KEY")
    if not secret:
        if production:
            raise RuntimeError("No SECRET_KEY: set the SECRET_KEY environment variable before "
                               "starting the app in production.")
        secret = secrets.token_hex(32)
    app.config["SECRET_KEY"] = secret
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True

    Hardening(app)
    app.extensions["profile_store"] = {"name": app.config["DISPLAY_NAME"]}
    app.register_blueprint(bp)
    return app
