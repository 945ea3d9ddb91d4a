"""Accounts: registration, login, logout, deletion; the Flask-Login wiring."""
from datetime import timedelta
from urllib.parse import unquote

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import (LoginManager, current_user, fresh_login_required, login_user,
                         logout_user)
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db, new_session_token

COOKIE_SETTINGS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": timedelta(weeks=2),
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
}

manager = LoginManager()
manager.login_view = "auth.login"
manager.refresh_view = "auth.login"
manager.session_protection = "basic"
manager.blueprint_login_views["api"] = None

bp = Blueprint("auth", __name__)


@manager.user_loader
def user_for_token(token):
    return db.session.execute(db.select(User).where(User.session_token == token)).scalar()


def next_is_local(value):
    if not value:
        return False
    for text in (value, unquote(value)):
        if any(ch.isspace() or ch == "\\" or ord(ch) < 32 or ord(ch) == 127 for ch in text):
            return False
        if not text.startswith("/") or text.startswith("//"):
            return False
    return True


@bp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not 0 < len(username) <= 30 or len(password) < 8:
        error = ("Choose a username of 1 to 30 characters." if not 0 < len(username) <= 30
                 else "Choose a password of at least 8 characters.")
        return render_template("register.html", error=error, username=username), 400
    db.session.add(User(username=username, password_hash=generate_password_hash(password)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return render_template("register.html", error="That username is taken.", username=username), 409
    flash("Account created. You can log in now.")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_page = request.form.get("next") or request.args.get("next") or ""
    if request.method == "GET":
        return render_template("login.html", next=next_page)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    user = db.session.execute(db.select(User).where(User.username == username)).scalar()
    hashed = user.password_hash if user is not None else current_app.extensions["decoy_hash"]
    if not check_password_hash(hashed, password) or user is None:
        return render_template("login.html", error="Invalid username or password.",
                               username=username, next=next_page), 401
    login_user(user, remember=request.form.get("remember") == "on")
    flash(f"Welcome, {user.username}")
    return redirect(next_page if next_is_local(next_page) else url_for("dashboard"), code=303)


@bp.route("/logout", methods=["POST"])
def logout():
    user = current_user._get_current_object()
    if user.is_authenticated:
        user.session_token = new_session_token()
        db.session.commit()
    logout_user()
    flash("You have been logged out.")
    return redirect(url_for("home"), code=303)


@bp.route("/account/delete", methods=["GET", "POST"])
@fresh_login_required
def delete_account():
    if request.method == "POST":
        db.session.delete(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("home"), code=303)
    return render_template("delete_account.html")
