"""Lesson 17: hardening a small Flask app.

GET  /profile    a form to change the display name
POST /profile    change it

The app works, and it is wide open: no security headers, no CSRF protection, no limit on the
size of a request, and a secret key written in the code. Harden it (see the TODOs here and in
security.py, and `flaskcourse read`).
"""

import os

from flask import Flask, redirect, render_template, request, url_for

import security

NAME_MAX = 50

DEFAULTS = {
    # TODO 3: set MAX_CONTENT_LENGTH, the largest request body (in bytes) the app accepts.
    #         Flask's default is None: no limit at all. A form with one text field needs little.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "DISPLAY_NAME": "Ada",
}


def load_secret_key(app):
    """Decide where SECRET_KEY comes from.

    TODO 4: the fallback below is the same in every copy of this code, production included.
      - config first (tests pass one), then the SECRET_KEY environment variable;
      - with neither, in production (app.config["ENV_NAME"] == "production"): raise
        RuntimeError with a message that names SECRET_KEY and says where to set it;
      - with neither, in development: a random key (secrets.token_hex(32)) is fine.
    """
    key = app.config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    app.config["SECRET_KEY"] = key or "dev-secret-change-me"


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)
    # "development" or "production": config first, then the ENV_NAME environment variable.
    app.config.setdefault("ENV_NAME", os.environ.get("ENV_NAME", "development"))
    load_secret_key(app)
    # TODO 4 (also): in production the session cookie goes over HTTPS only:
    #         app.config["SESSION_COOKIE_SECURE"] = True when ENV_NAME is "production".

    # Headers and the CSRF check live in security.py (TODO 1 and 2 are there).
    security.init_app(app)

    app.extensions["profile"] = {"display_name": app.config["DISPLAY_NAME"]}

    @app.get("/profile")
    def profile():
        name = app.extensions["profile"]["display_name"]
        return render_template("profile.html", name=name, value=name, error=None)

    @app.post("/profile")
    def update_profile():
        name = request.form.get("display_name", "").strip()
        if not 1 <= len(name) <= NAME_MAX:
            error = f"A display name has 1 to {NAME_MAX} characters."
            return render_template("profile.html", name=app.extensions["profile"]["display_name"],
                                   value=name, error=error), 422
        app.extensions["profile"]["display_name"] = name
        return redirect(url_for("profile"), code=303)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
