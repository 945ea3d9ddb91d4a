"""Members' area as a blueprint with a small user store object; permanent sessions of one hour."""

from datetime import timedelta
from functools import wraps

from flask import (Blueprint, Flask, current_app, flash, redirect, render_template, request,
                   session, url_for)
from werkzeug.security import check_password_hash, generate_password_hash


class UserStore:
    """Password hashes only; the plaintext from config is never kept here."""

    def __init__(self, plain_users):
        self._hashes = {name: generate_password_hash(pw) for name, pw in plain_users.items()}
        self._decoy = generate_password_hash("x" * 24)

    def verify(self, username, password):
        stored = self._hashes.get(username)
        result = check_password_hash(stored if stored is not None else self._decoy, password)
        return stored is not None and result


club = Blueprint("club", __name__)


def login_required(view):
    @wraps(view)
    def check(*args, **kwargs):
        if not isinstance(session.get("user"), str):
            return redirect(url_for("club.login_page"), code=302)
        return view(*args, **kwargs)
    return check


@club.get("/login")
def login_page():
    return render_template("login.html")


@club.post("/login")
def login_submit():
    username = request.form.get("username", "").strip()
    if not current_app.extensions["user_store"].verify(username, request.form.get("password", "")):
        return render_template("login.html", error="Invalid username or password.",
                               username=username), 401
    session.clear()
    session.permanent = True
    session["user"] = username
    flash(f"Welcome, {username}", "success")
    return redirect(url_for("club.dashboard"), code=303)


@club.get("/dashboard")
@login_required
def dashboard():
    return render_template("dashboard.html", user=session["user"])


@club.post("/logout")
def logout():
    session.clear()
    flash("You have been logged out.", "info")
    return redirect(url_for("club.login_page"), code=303)


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev-only-secret-key-change-me-before-deploying"
    app.config["USERS"] = {"ada": "correct horse battery staple"}
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=1)
    for key, value in (config or {}).items():
        app.config[key] = value
    app.extensions["user_store"] = UserStore(app.config["USERS"])
    app.register_blueprint(club)
    return app
