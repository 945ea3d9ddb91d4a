"""The LoginManager and its callbacks."""

from urllib.parse import urlencode

from flask import flash, jsonify, redirect, request, url_for
from flask_login import LoginManager

from models import User, db

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.refresh_view = "auth.login"
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(token):
    return db.session.scalars(db.select(User).where(User.session_token == token)).first()


@login_manager.unauthorized_handler
def unauthorized():
    """The API gets a status it can read; every page goes to the login form with next."""
    if request.blueprint == "api":
        return jsonify(error="login required"), 401
    flash(login_manager.login_message)
    asked = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login") + "?" + urlencode({"next": asked}))
