"""Lesson 14: the factory. The blueprint brings its own rate-limit hook."""

from flask import Flask

import auth
import problems

DEFAULTS = {
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    "USERS": {"ada@example.com": "correct horse battery staple"},
    "RATE_LIMIT": (5, 60),
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.from_mapping(config)
    problems.register(app)
    auth.init_app(app)
    app.register_blueprint(auth.bp, url_prefix="/v1/auth")
    return app
