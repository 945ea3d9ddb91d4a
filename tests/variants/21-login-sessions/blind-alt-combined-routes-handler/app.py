"""Lesson 21 in one module: one view function per URL (GET and POST together), the API as a
plain route, and the freshness check written out in the view."""

import re
import secrets
from datetime import timedelta
from urllib.parse import unquote

from flask import Flask, current_app, flash, redirect, render_template, request, url_for
from flask_login import (LoginManager, current_user, login_fresh, login_required, login_url,
                         login_user, logout_user)
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db, new_session_token


class Config:
    SECRET_KEY = "dev-only-secret-key-change-me-before-deploying"
    SQLALCHEMY_DATABASE_URI = "sqlite:///club.db"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"


login_manager = LoginManager()
login_manager.refresh_view = "login"
login_manager.session_protection = "basic"

# One path segment after a single slash; nothing that a browser would bend into a host.
_SAFE_PATH = re.compile(r"/(?![/\\])[^\\\s]*")


def is_safe_next(target):
    if not target:
        return False
    for form in (target, unquote(target)):
        if not _SAFE_PATH.fullmatch(form) or not form.isprintable():
            return False
    return True


@login_manager.user_loader
def load_user(token):
    return db.session.scalars(db.select(User).where(User.session_token == token)).first()


@login_manager.unauthorized_handler
def unauthorized():
    """Programs get a status; people get the login page, with the page they wanted in next."""
    if request.path.startswith("/api/"):
        return {"error": "login required"}, 401
    flash("Please log in to access this page.")
    return redirect(login_url("login", next_url=request.url))


def password_matches(user, password):
    """Exactly one check_password_hash, whether the user exists or not."""
    decoy = current_app.extensions["decoy_hash"]
    ok = check_password_hash(user.password_hash if user else decoy, password)
    return ok and user is not None


def end_every_session(user):
    user.session_token = new_session_token()
    db.session.commit()


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(Config)
    if config:
        app.config.update(config)

    db.init_app(app)
    with app.app_context():
        db.create_all()
    login_manager.init_app(app)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_urlsafe(16))

    @app.route("/")
    def home():
        return render_template("home.html")

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return render_template("register.html")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if not username or len(username) > 30:
            return render_template("register.html", username=username,
                                   error="Choose a username of 1 to 30 characters."), 400
        if len(password) < 8:
            return render_template("register.html", username=username,
                                   error="Choose a password of at least 8 characters."), 400
        try:
            db.session.add(User(username=username,
                                password_hash=generate_password_hash(password)))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return render_template("register.html", username=username,
                                   error="That username is taken."), 409
        flash("Account created. You can log in now.")
        return redirect("/login", code=303)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        next_page = request.values.get("next", "")
        if request.method == "GET":
            return render_template("login.html", next=next_page)
        next_page = request.form.get("next") or request.args.get("next") or ""
        username = request.form.get("username", "").strip()
        user = db.session.scalars(db.select(User).where(User.username == username)).first()
        if not password_matches(user, request.form.get("password", "")):
            return render_template("login.html", username=username, next=next_page,
                                   error="Invalid username or password."), 401
        login_user(user, remember="remember" in request.form)
        flash(f"Welcome, {user.username}")
        return redirect(next_page if is_safe_next(next_page) else url_for("dashboard"), code=303)

    @app.route("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html")

    @app.route("/logout", methods=["POST"])
    def logout():
        user = current_user._get_current_object()
        if user.is_authenticated:
            end_every_session(user)
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("home"), code=303)

    @app.route("/account/delete", methods=["GET", "POST"])
    @login_required
    def account_delete():
        if not login_fresh():
            # Remembered, or a session cookie from another browser: type the password again.
            return login_manager.needs_refresh()
        if request.method == "GET":
            return render_template("delete_account.html")
        db.session.delete(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("home"), code=303)

    @app.route("/api/me")
    @login_required
    def api_me():
        return {"username": current_user.username}

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
