"""Profile app: a MethodView, hardened by the Hardening extension in security.py."""

import os
import secrets

from flask import Flask, redirect, render_template, request, url_for
from flask.views import MethodView

from security import Hardening


class Settings:
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    DISPLAY_NAME = "Ada"


class ProfileView(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self):
        return render_template("profile.html", name=self.store["name"], error=None)

    def post(self):
        candidate = request.form.get("display_name", "").strip()
        if not candidate or len(candidate) > 50:
            return render_template("profile.html", name=self.store["name"],
                                   error="1 to 50 characters."), 400
        self.store["name"] = candidate
        return redirect(url_for("profile"), 303)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(Settings)
    app.config.from_mapping(config or {})
    if "ENV_NAME" not in app.config:
        app.config["ENV_NAME"] = os.getenv("ENV_NAME", "development")

    secret = app.config.get("SECRET_KEY") or os.getenv("SECRET_KEY")
    if not secret and app.config["ENV_NAME"] == "production":
        raise RuntimeError("SECRET_KEY missing: export SECRET_KEY=... before starting in production")
    app.config["SECRET_KEY"] = secret or secrets.token_hex(32)
    app.config["SESSION_COOKIE_SECURE"] = app.config["ENV_NAME"] == "production"

    Hardening(app)
    store = {"name": app.config["DISPLAY_NAME"]}
    app.add_url_rule("/profile", view_func=ProfileView.as_view("profile", store))
    return app
