"""Lesson 17: hardening a small Flask app.

GET  /profile    a form to change the display name (with a hidden CSRF token)
POST /profile    change it: only with the token from this session's form

Every response carries security headers, request bodies are capped by MAX_CONTENT_LENGTH, and
in production the SECRET_KEY must come from the environment (or the app refuses to start).
"""

import os
import secrets

from flask import Flask, redirect, render_template, request, url_for

import security

NAME_MAX = 50

DEFAULTS = {
    # 64 KiB is plenty for a form with one text field. Anything bigger is refused with 413
    # before Flask reads it into memory. Flask's own default is None: no limit at all.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # Cookies: not readable from JavaScript, and not sent along with cross-site form posts
    # (a second layer against CSRF, not a replacement for the token).
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "DISPLAY_NAME": "Ada",
}


def load_secret_key(app):
    """Decide where SECRET_KEY comes from, and refuse to go on without one in production.

    Order: the config handed to create_app (tests pass one), then the SECRET_KEY environment
    variable. Never a value written in this file: code is copied, committed and published,
    and a key that is the same in every copy signs nothing.
    """
    key = app.config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if key:
        app.config["SECRET_KEY"] = key
        return
    if app.config["ENV_NAME"] == "production":
        # Fail at startup, loudly, rather than at the first login with a confusing error,
        # or worse, silently with a key anyone can read on GitHub.
        raise RuntimeError(
            "SECRET_KEY is not set. In production the app reads it from the SECRET_KEY "
            "environment variable; generate one with "
            "`python -c 'import secrets; print(secrets.token_hex(32))'` and set it there."
        )
    # Development only: a random key for this process. Sessions end when the server restarts,
    # which is a fair price for never having a real key in the code.
    app.config["SECRET_KEY"] = secrets.token_hex(32)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)
    # "development" or "production". Config wins; otherwise the ENV_NAME environment variable;
    # otherwise development, so `flask run` and `flaskcourse serve` just work.
    app.config.setdefault("ENV_NAME", os.environ.get("ENV_NAME", "development"))
    load_secret_key(app)

    if app.config["ENV_NAME"] == "production":
        # Only over HTTPS: a Secure cookie is never sent over plain http.
        app.config["SESSION_COOKIE_SECURE"] = True

    # Headers on every response and a CSRF check on every POST: both are hooks on the app,
    # so no view can forget them.
    security.init_app(app)

    # The name belongs to this app, not to the module: two apps never share it.
    app.extensions["profile"] = {"display_name": app.config["DISPLAY_NAME"]}

    @app.get("/profile")
    def profile():
        name = app.extensions["profile"]["display_name"]
        return render_template("profile.html", name=name, value=name, error=None)

    @app.post("/profile")
    def update_profile():
        # By the time we get here, security.py has already checked the CSRF token.
        name = request.form.get("display_name", "").strip()
        if not 1 <= len(name) <= NAME_MAX:
            error = f"A display name has 1 to {NAME_MAX} characters."
            return render_template("profile.html", name=app.extensions["profile"]["display_name"],
                                   value=name, error=error), 422
        app.extensions["profile"]["display_name"] = name
        # Post/Redirect/Get: reloading the page afterwards repeats a harmless GET.
        return redirect(url_for("profile"), code=303)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
