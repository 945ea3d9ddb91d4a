"""The Flask Club with class-based views, and one LoginManager per app."""

import secrets
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from flask import Flask, current_app, flash, redirect, render_template, request, url_for
from flask.views import MethodView
from flask_login import (LoginManager, current_user, fresh_login_required, login_required,
                         login_user, logout_user)
from flask_sqlalchemy import SQLAlchemy
from flask_login import UserMixin
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
HASHING = "pbkdf2:sha256"


class Account(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    login = db.Column(db.String(30), unique=True, nullable=False)
    secret = db.Column(db.String(200), nullable=False)
    alt_id = db.Column(db.String(40), unique=True, nullable=False,
                       default=lambda: secrets.token_hex(20))

    @property
    def username(self):
        return self.login

    def get_id(self):
        return self.alt_id


def safe(target):
    if not target:
        return False
    for text in (target, unquote(target)):
        if any(ch in "\\ " or not ch.isprintable() or ch.isspace() for ch in text):
            return False
        parts = urlsplit(text)
        if parts.scheme or parts.netloc or not text.startswith("/") or text.startswith("//"):
            return False
    return True


def account_named(name):
    return Account.query.filter_by(login=name).first()


class RegisterView(MethodView):
    def get(self):
        return render_template("signup.html")

    def post(self):
        name = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        problem = None
        if not name or len(name) > 30:
            problem = "A username needs 1 to 30 characters."
        elif len(password) < 8:
            problem = "A password needs 8 characters or more."
        if problem:
            return render_template("signup.html", name=name, problem=problem), 400
        db.session.add(Account(login=name, secret=generate_password_hash(password, HASHING)))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return render_template("signup.html", name=name, problem="Taken, sorry."), 409
        flash("Account created. You can log in now.")
        return redirect(url_for("login"), code=302)


class LoginView(MethodView):
    def get(self):
        return render_template("signin.html", next=request.args.get("next", ""))

    def post(self):
        name = request.form.get("username", "").strip()
        account = account_named(name)
        digest = account.secret if account else current_app.extensions["club_decoy"]
        if not check_password_hash(digest, request.form.get("password", "")) or not account:
            return render_template("signin.html", name=name, problem="Invalid username or password.",
                                   next=request.form.get("next", "")), 401
        login_user(account, remember="remember" in request.form)
        flash(f"Welcome, {account.login}")
        target = request.form.get("next") or request.args.get("next")
        return redirect(target if safe(target) else url_for("dashboard"), code=302)


class DeleteAccountView(MethodView):
    decorators = [fresh_login_required]

    def get(self):
        return render_template("farewell.html")

    def post(self):
        account = db.session.get(Account, current_user.id)
        db.session.delete(account)
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("index"), code=302)


class DashboardView(MethodView):
    decorators = [login_required]

    def get(self):
        return render_template("members.html")


class LogoutView(MethodView):
    def post(self):
        if current_user.is_authenticated:
            current_user.alt_id = secrets.token_hex(20)
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("index"), code=302)


class MeView(MethodView):
    def get(self):
        if not current_user.is_authenticated:
            return {"error": "login required"}, 401
        return {"username": current_user.login}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="not-for-production-9876543210",
        SQLALCHEMY_DATABASE_URI="sqlite:///club.db",
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_DURATION=timedelta(days=14),
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
    )
    if config:
        app.config.from_mapping(config)
    db.init_app(app)
    with app.app_context():
        db.create_all()

    manager = LoginManager(app)
    manager.login_view = "login"
    manager.refresh_view = "login"
    manager.session_protection = "basic"

    @manager.user_loader
    def load(alt_id):
        return Account.query.filter_by(alt_id=alt_id).first()

    app.extensions["club_decoy"] = generate_password_hash(secrets.token_hex(8), HASHING)

    app.add_url_rule("/", "index", lambda: render_template("index.html"))
    app.add_url_rule("/register", view_func=RegisterView.as_view("register"))
    app.add_url_rule("/login", view_func=LoginView.as_view("login"))
    app.add_url_rule("/logout", view_func=LogoutView.as_view("logout"))
    app.add_url_rule("/dashboard", view_func=DashboardView.as_view("dashboard"))
    app.add_url_rule("/account/delete", view_func=DeleteAccountView.as_view("delete_account"))
    app.add_url_rule("/api/me", view_func=MeView.as_view("me"))
    return app
