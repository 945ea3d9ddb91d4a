"""Lesson 14, written with a class-based view: POST /v1/auth/token behind a rate limit."""

from flask import Flask

import auth
import problems


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev-only-secret-key-change-me-before-deploying",
        USERS={"ada@example.com": "correct horse battery staple"},
    )
    app.config.update(config or {})

    problems.init_app(app)
    auth.init_app(app)
    app.register_blueprint(auth.bp, url_prefix="/v1/auth")
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
