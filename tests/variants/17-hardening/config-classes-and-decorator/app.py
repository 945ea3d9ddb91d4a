"""Lesson 17, another correct style: config classes, a CSRF decorator, one file."""

import functools
import hmac
import os
import secrets

from flask import Flask, abort, render_template_string, request, session

PAGE = """<!doctype html>
<title>Profile</title>
<h1>Hello, {{ name }}</h1>
{% if saved %}<p>Saved.</p>{% endif %}
<form method="post">
  <input type="hidden" name="csrf_token" value="{{ token }}">
  <input name="display_name" value="{{ name }}">
  <button>Save</button>
</form>
"""


class Config:
    MAX_CONTENT_LENGTH = 16 * 1024
    SESSION_COOKIE_SAMESITE = "Lax"
    DISPLAY_NAME = "Ada"
    HSTS = False


class DevelopmentConfig(Config):
    pass


class ProductionConfig(Config):
    HSTS = True
    SESSION_COOKIE_SECURE = True


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def session_token():
    token = session.get("_csrf")
    if token is None:
        token = session["_csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_protected(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        stored = session.get("_csrf", "").encode()
        sent = request.form.get("csrf_token", "").encode()
        if not stored or not hmac.compare_digest(stored, sent):
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def create_app(config=None):
    config = dict(config or {})
    env_name = config.get("ENV_NAME") or os.environ.get("ENV_NAME") or "development"
    app = Flask(__name__)
    app.config.from_object(CONFIGS[env_name])
    app.config.update(config, ENV_NAME=env_name)

    if not app.config.get("SECRET_KEY"):
        from_env = os.environ.get("SECRET_KEY")
        if from_env:
            app.config["SECRET_KEY"] = from_env
        elif env_name == "production":
            raise RuntimeError("Refusing to start: set the SECRET_KEY environment variable.")
        else:
            app.config["SECRET_KEY"] = secrets.token_bytes(32)

    profile = {"display_name": app.config["DISPLAY_NAME"]}

    @app.after_request
    def headers(response):
        response.headers.update(HEADERS)
        if app.config["HSTS"]:
            response.headers["Strict-Transport-Security"] = "max-age=63072000"
        return response

    @app.route("/profile", methods=["GET", "POST"])
    def edit_profile():
        if request.method == "POST":
            return save()
        return render_template_string(PAGE, name=profile["display_name"], token=session_token(),
                                      saved=False)

    @csrf_protected
    def save():
        name = request.form.get("display_name", "").strip()
        if not 1 <= len(name) <= 50:
            return render_template_string(PAGE, name=profile["display_name"], token=session_token(),
                                          saved=False), 422
        profile["display_name"] = name
        return render_template_string(PAGE, name=name, token=session_token(), saved=True)

    return app


if __name__ == "__main__":
    create_app().run()
