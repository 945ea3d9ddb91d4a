"""The Flask Club in one file: get_id() is "<id>:<generation>", and a logout raises the
generation, so every cookie made before it names nobody."""

import functools
import hmac
from datetime import timedelta
from urllib.parse import unquote

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import (LoginManager, UserMixin, current_user, fresh_login_required,
                         login_required, login_user, logout_user)
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import check_password_hash, generate_password_hash

db = SQLAlchemy()
login_manager = LoginManager()
login_manager.login_view = "login"
login_manager.refresh_view = "login"
login_manager.session_protection = "basic"

DECOY = generate_password_hash("decoy")
BAD = "Invalid username or password."


class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(30), unique=True, nullable=False)
    pw_hash = db.Column(db.String(255), nullable=False)
    generation = db.Column(db.Integer, nullable=False, default=0)

    def get_id(self):
        return f"{self.id}:{self.generation}"


@login_manager.user_loader
def load_user(value):
    user_id, _, generation = value.partition(":")
    if not user_id.isdigit() or not generation.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(str(user.generation), generation):
        return None
    return user


def api_login_required(view):
    """Like login_required, but a program gets 401 JSON instead of the login page."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return {"error": "login required"}, 401
        return view(*args, **kwargs)
    return wrapper


def is_local(path):
    if not path:
        return False
    for text in (path, unquote(path)):
        if "\\" in text or any(not c.isprintable() or c.isspace() for c in text):
            return False
        if not (text.startswith("/") and not text.startswith("//")):
            return False
    return True


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev"
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///members.db"
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=14)
    app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config.update(config or {})
    db.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        db.create_all()

    @app.route("/")
    def index():
        return render_template("index.html")

    @app.route("/register", methods=["GET", "POST"])
    def register():
        name = request.form.get("username", "").strip()
        if request.method == "GET":
            return render_template("register.html", name="")
        password = request.form.get("password", "")
        if len(name) < 1 or len(name) > 30 or len(password) < 8:
            return render_template("register.html", name=name,
                                   error="Username 1-30 characters, password 8 or more."), 400
        if db.session.execute(db.select(User.id).filter_by(username=name)).first():
            return render_template("register.html", name=name, error="Username taken."), 409
        db.session.add(User(username=name, pw_hash=generate_password_hash(password)))
        db.session.commit()
        flash("Account created. You can log in now.")
        return redirect(url_for("login"))

    @app.route("/login", methods=["GET", "POST"])
    def login():
        target = request.form.get("next") or request.args.get("next") or ""
        if request.method == "GET":
            return render_template("login.html", name="", target=target)
        name = request.form.get("username", "").strip()
        user = db.session.execute(db.select(User).filter_by(username=name)).scalar()
        ok = check_password_hash(user.pw_hash if user else DECOY,
                                 request.form.get("password", ""))
        if user is None or not ok:
            return render_template("login.html", name=name, target=target, error=BAD), 401
        login_user(user, remember=request.form.get("remember") == "on")
        flash(f"Welcome, {user.username}")
        return redirect(target if is_local(target) else url_for("dashboard"))

    @app.route("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html")

    @app.route("/logout", methods=["POST"])
    def logout():
        if current_user.is_authenticated:
            current_user.generation += 1
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("index"))

    @app.route("/account/delete", methods=["GET", "POST"])
    @fresh_login_required
    def delete_account():
        if request.method == "POST":
            db.session.delete(current_user._get_current_object())
            db.session.commit()
            logout_user()
            flash("Your account has been deleted.")
            return redirect(url_for("index"))
        return render_template("delete.html")

    @app.route("/api/me")
    @api_login_required
    def me():
        return {"username": current_user.username, "id": current_user.id}

    return app
