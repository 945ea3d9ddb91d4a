"""Lesson 14, another way: a fixed window per IP, checked in the blueprint's before_request."""

from flask import Flask
from werkzeug.security import generate_password_hash

from limiter import FixedWindowCounter
from tokens import tokens


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="dev-key-for-the-fixed-window-alternative-42",
        USERS={"ada@example.com": "correct horse battery staple"},
    )
    if config is not None:
        app.config.from_mapping(config)
    app.extensions["password_hashes"] = {
        email: generate_password_hash(pw) for email, pw in app.config["USERS"].items()
    }
    app.extensions["login_limiter"] = FixedWindowCounter(max_hits=5, seconds=60)
    app.register_blueprint(tokens)
    return app


if __name__ == "__main__":
    create_app().run(port=5000)
