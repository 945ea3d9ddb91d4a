"""Lesson 21 in a single module: the model, the LoginManager and the views."""

import re
import secrets
from datetime import timedelta
from urllib.parse import unquote

from flask import Flask, flash, jsonify, redirect, render_template, request, url_for
from flask_login import (LoginManager, UserMixin, current_user, fresh_login_required,
                         login_required, login_user, logout_user)
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULTS = {
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    "SQLALCHEMY_DATABASE_URI": "sqlite:///club.db",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_DURATION": timedelta(weeks=2),
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
}

db = SQLAlchemy()
login_manager = LoginManager()
login_manager.login_view = "login_form"
login_manager.refresh_view = "login_form"
login_manager.session_protection = "basic"


def fresh_token():
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "club_member"
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(30), nullable=False, unique=True)
    password_hash = db.Column(db.String(255), nullable=False)
    login_token = db.Column(db.String(64), nullable=False, unique=True, default=fresh_token)

    def get_id(self):
        return self.login_token


@login_manager.user_loader
def load_user(token):
    return User.query.filter_by(login_token=token).first()


_UNSAFE = re.compile(r"[\s\\]")


def is_safe_next(target):
    if not target:
        return False
    for form in (target, unquote(target)):
        if _UNSAFE.search(form) or not form.isprintable():
            return False
        if form[:1] != "/" or form[:2] == "//":
            return False
    return True


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    db.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        db.create_all()
    decoy = generate_password_hash(secrets.token_hex(16))

    @app.route("/")
    def home():
        return render_template("home.html")

    @app.route("/register", methods=["GET", "POST"])
    def register():
        if request.method == "GET":
            return render_template("register.html")
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if len(username) == 0 or len(username) > 30 or len(password) < 8:
            error = "Pick a username of 1 to 30 characters and a password of 8 or more."
            return render_template("register.html", error=error, username=username), 400
        db.session.add(User(username=username, password_hash=generate_password_hash(password)))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return render_template("register.html", error=f"{username} is taken.",
                                   username=username), 409
        flash("Account created. You can log in now.")
        return redirect(url_for("login_form"), 303)

    @app.get("/login")
    def login_form():
        return render_template("login.html", next=request.args.get("next", ""))

    @app.post("/login")
    def login_post():
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        wanted = request.form.get("next") or request.args.get("next", "")
        user = User.query.filter_by(username=username).first()
        ok = check_password_hash(user.password_hash if user else decoy, password)
        if not (user and ok):
            return render_template("login.html", error="Invalid username or password.",
                                   username=username, next=wanted), 401
        login_user(user, remember=request.form.get("remember") is not None)
        flash(f"Welcome, {user.username}")
        return redirect(wanted if is_safe_next(wanted) else url_for("dashboard"), 303)

    @app.get("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html", member=current_user)

    @app.post("/logout")
    def logout():
        if current_user.is_authenticated:
            db.session.execute(db.update(User).where(User.id == current_user.id)
                               .values(login_token=fresh_token()))
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("home"), 303)

    @app.route("/account/delete", methods=["GET", "POST"])
    @fresh_login_required
    def delete_account():
        if request.method == "GET":
            return render_template("delete_account.html")
        db.session.execute(db.delete(User).where(User.id == current_user.id))
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("home"), 303)

    @app.get("/api/me")
    def api_me():
        if not current_user.is_authenticated:
            return jsonify(error="login required"), 401
        return jsonify(username=current_user.username)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
