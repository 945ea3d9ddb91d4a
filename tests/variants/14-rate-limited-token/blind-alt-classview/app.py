"""Lesson 14, another style: a class-based view in a blueprint, errors as problem+json."""

from flask import Flask

import auth
import problems

DEFAULTS = {
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    "USERS": {"ada@example.com": "correct horse battery staple"},
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    problems.register(app)
    auth.init_app(app)
    app.register_blueprint(auth.bp, url_prefix="/v1/auth")
    return app
