"""Lesson 21, arranged as blueprints: pages, auth (class-based views) and api.

Strangers are handled by one unauthorized_handler: JSON 401 for the API, a redirect with
?next= (and the login message flashed) for every page.
"""

import secrets
from datetime import timedelta

from flask import Blueprint, Flask, flash, jsonify, redirect, render_template, request
from flask_login import LoginManager, current_user, login_required, login_url
from werkzeug.security import generate_password_hash

import auth
from models import User, db


class DefaultConfig:
    SECRET_KEY = "dev-only-secret-key-change-me-before-deploying"
    SQLALCHEMY_DATABASE_URI = "sqlite:///club.db"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False  # a production config passes True (and SESSION_COOKIE_SECURE)


login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.refresh_view = "auth.login"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(token):
    return User.by_token(token)


@login_manager.unauthorized_handler
def stranger():
    if request.blueprint == "api":
        return jsonify(error="login required"), 401
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    return render_template("home.html")


@pages.get("/dashboard")
@login_required
def dashboard():
    return render_template("dashboard.html")


api = Blueprint("api", __name__, url_prefix="/api")


@api.get("/me")
@login_required
def me():
    return jsonify(username=current_user.username)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(DefaultConfig)
    app.config.update(config or {})

    db.init_app(app)
    with app.app_context():
        db.create_all()
    login_manager.init_app(app)

    for blueprint in (pages, auth.bp, api):
        app.register_blueprint(blueprint)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_hex(16))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
