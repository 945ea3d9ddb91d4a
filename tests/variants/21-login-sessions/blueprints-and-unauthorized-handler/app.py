"""The Flask Club: blueprints for accounts, members' pages and the API."""

from datetime import timedelta

from flask import Flask, flash, jsonify, redirect, request
from flask_login import login_url
from sqlalchemy import select

import api
import auth
import members
from extensions import db, login_manager
from models import Member

SETTINGS = {
    "SECRET_KEY": "only-for-development-0123456789",
    "SQLALCHEMY_DATABASE_URI": "sqlite:///club.db",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": timedelta(days=14),
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
}

login_manager.login_view = "auth.login"
login_manager.refresh_view = "auth.login"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_member(token):
    return db.session.scalar(select(Member).where(Member.token == token))


@login_manager.unauthorized_handler
def unauthorized():
    """JSON for the API; the login page, with next, for everything else."""
    if request.blueprint == "api":
        return jsonify(error="login required"), 401
    flash(login_manager.login_message)
    return redirect(login_url("auth.login", next_url=request.url))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(SETTINGS)
    app.config.update(config or {})
    db.init_app(app)
    login_manager.init_app(app)
    for blueprint in (auth.bp, members.bp, api.bp):
        app.register_blueprint(blueprint)
    with app.app_context():
        db.create_all()
    return app
