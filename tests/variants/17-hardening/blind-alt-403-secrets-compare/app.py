"""Profile page, hardened: headers, CSRF (403 on failure), a size cap, and no key in the code."""

import os
import secrets

from flask import Flask, render_template, request

import security


def _environment(app):
    if "ENV_NAME" in app.config:
        return app.config["ENV_NAME"]
    return os.environ.get("ENV_NAME") or "development"


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=1024 * 1024,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.update(config or {})
    env = app.config["ENV_NAME"] = _environment(app)
    if env == "production":
        app.config["SESSION_COOKIE_SECURE"] = True

    if not app.config.get("SECRET_KEY"):
        from_env = os.environ.get("SECRET_KEY")
        if from_env:
            app.config["SECRET_KEY"] = from_env
        elif env == "production":
            raise RuntimeError("Refusing to start: set the SECRET_KEY environment variable.")
        else:
            app.config["SECRET_KEY"] = secrets.token_hex(32)

    security.init_app(app, production=(env == "production"))
    state = {"name": app.config.get("DISPLAY_NAME", "Ada")}

    @app.route("/profile", methods=["GET", "POST"])
    def profile():
        error = None
        if request.method == "POST":
            wanted = (request.form.get("display_name") or "").strip()
            if 0 < len(wanted) <= 50:
                state["name"] = wanted
            else:
                error = "Between 1 and 50 characters, please."
        return render_template("profile.html", name=state["name"], error=error), (422 if error else 200)

    return app
