"""Lesson 21 in blueprints: auth (MethodViews), pages, api; the LoginManager in extensions."""

import secrets

from flask import Flask
from werkzeug.security import generate_password_hash

import api
import auth
import pages
from extensions import load_user, login_manager  # noqa: F401  (load_user: importable here)
from models import db

DEFAULTS = {
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    "SQLALCHEMY_DATABASE_URI": "sqlite:///club.db",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Strict",
    "REMEMBER_COOKIE_DURATION": 14 * 24 * 60 * 60,  # seconds: Flask-Login accepts an int
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Strict",
    "REMEMBER_COOKIE_SECURE": False,
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    login_manager.init_app(app)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_urlsafe(24))
    for blueprint in (pages.bp, auth.bp, api.bp):
        app.register_blueprint(blueprint)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
