"""Lesson 15, another way: the login lives in a blueprint; a failed login is flashed and
redirected back to the form."""

from datetime import timedelta

from flask import Flask, redirect, url_for

import auth


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev-key-for-this-laptop-only",
        USERS={"grace": "flow-matic"},
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    )
    app.config.update(config or {})
    auth.init_app(app)
    app.register_blueprint(auth.bp)

    @app.route("/")
    def home():
        return redirect(url_for("auth.dashboard"))

    return app


if __name__ == "__main__":
    create_app().run()
