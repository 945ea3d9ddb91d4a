"""Lesson 17 in one module: headers, CSRF, a body limit and the secret key."""

import os
import secrets

from flask import Flask, abort, render_template, request, session


class Defaults:
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024      # the most the text allows
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    DISPLAY_NAME = "Ada"


HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
     "frame-ancestors 'self'; base-uri 'none'"),
    ("Referrer-Policy", "no-referrer"),
)
ONE_DAY = 24 * 60 * 60
TOKEN_KEY = "_csrf"


def current_token():
    if TOKEN_KEY not in session:
        session[TOKEN_KEY] = secrets.token_hex(32)
    return session[TOKEN_KEY]


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(Defaults)
    if config is not None:
        app.config.update(config)
    if "ENV_NAME" not in app.config:
        app.config["ENV_NAME"] = os.environ.get("ENV_NAME", "development")
    in_production = app.config["ENV_NAME"] == "production"

    if not app.config.get("SECRET_KEY"):
        from_env = os.environ.get("SECRET_KEY")
        if from_env:
            app.config["SECRET_KEY"] = from_env
        elif in_production:
            raise RuntimeError("Refusing to start: set the SECRET_KEY environment variable "
                               "(a long random string) for production.")
        else:
            app.config["SECRET_KEY"] = secrets.token_urlsafe(32)
    app.config["SESSION_COOKIE_SECURE"] = in_production

    app.jinja_env.globals.update(csrf_token=current_token)
    state = {"display_name": app.config["DISPLAY_NAME"]}

    def harden(response):
        for header, value in HEADERS:
            response.headers[header] = value
        if in_production:
            response.headers["Strict-Transport-Security"] = f"max-age={ONE_DAY}"
        return response

    def csrf_guard():
        if request.method in ("GET", "HEAD", "OPTIONS") or request.endpoint is None:
            return
        submitted = request.form.get("csrf_token") or ""
        stored = session.get(TOKEN_KEY) or ""
        if not stored or not submitted:
            abort(403)
        if not secrets.compare_digest(stored.encode("utf-8"), submitted.encode("utf-8")):
            abort(403)

    app.after_request(harden)
    app.before_request(csrf_guard)

    def page(value, error=None, status=200):
        return render_template("profile.html", name=state["display_name"], value=value,
                               error=error), status

    @app.route("/profile", methods=["GET", "POST"])
    def profile():
        if request.method == "GET":
            return page(state["display_name"])
        wanted = (request.form.get("display_name") or "").strip()
        if not wanted or len(wanted) > 50:
            return page(wanted, "A display name has 1 to 50 characters.", 400)
        state["display_name"] = wanted
        return page(wanted)

    return app


if __name__ == "__main__":
    create_app().run()
