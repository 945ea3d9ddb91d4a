"""Hardened profile app, routes in a blueprint, name kept in the app's config."""

import os
import secrets

from flask import Blueprint, Flask, current_app, redirect, render_template, request

import security

profile_bp = Blueprint("profile_bp", __name__)


@profile_bp.get("/profile")
def show():
    return render_template("profile.html", name=current_app.config["DISPLAY_NAME"], problem="")


@profile_bp.post("/profile")
def change():
    new = request.form.get("display_name", "").strip()
    if len(new) < 1 or len(new) > 50:
        return render_template("profile.html", name=current_app.config["DISPLAY_NAME"],
                               problem="Use 1 to 50 characters."), 422
    current_app.config["DISPLAY_NAME"] = new
    return redirect("/profile", code=303)


def secret_key_for(env_name, configured):
    if configured:
        return configured
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if env_name == "production":
        raise RuntimeError("No SECRET_KEY: production reads it from the SECRET_KEY environment variable.")
    return secrets.token_hex(32)


def create_app(config=None):
    settings = {"DISPLAY_NAME": "Ada", "MAX_CONTENT_LENGTH": 100_000, "SESSION_COOKIE_SAMESITE": "Lax"}
    settings.update(config or {})
    settings.setdefault("ENV_NAME", os.environ.get("ENV_NAME") or "development")
    settings["SECRET_KEY"] = secret_key_for(settings["ENV_NAME"], settings.get("SECRET_KEY"))
    settings["SESSION_COOKIE_SECURE"] = settings["ENV_NAME"] == "production"

    app = Flask(__name__)
    app.config.update(settings)
    security.install(app)
    app.register_blueprint(profile_bp)
    return app
