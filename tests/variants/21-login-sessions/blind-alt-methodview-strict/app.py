import re
import secrets
from urllib.parse import unquote

from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask.views import MethodView
from flask_login import (LoginManager, current_user, fresh_login_required, login_required,
                         login_user, logout_user)
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db, new_session_token

login_manager = LoginManager()
login_manager.login_view = "login"
login_manager.refresh_view = "login"
login_manager.session_protection = "basic"
login_manager.blueprint_login_views["api"] = None

api = Blueprint("api", __name__, url_prefix="/api")
UNSAFE = re.compile(r"[\s\\\x00-\x1f\x7f]")


@login_manager.user_loader
def load_user(token):
    return db.session.scalars(select(User).where(User.session_token == token)).first()


@api.errorhandler(401)
def api_401(_error):
    return {"error": "login required"}, 401


@api.route("/me")
@login_required
def me():
    return {"username": current_user.username}


def is_safe_next(target):
    if not target:
        return False
    decoded = unquote(target)
    for form in (target, decoded):
        if UNSAFE.search(form) or not form.isprintable():
            return False
        if not re.match(r"/(?!/)", form):
            return False
    return True


class Register(MethodView):
    def get(self):
        return render_template("register.html")

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if not (1 <= len(username) <= 30):
            return render_template("register.html", error="A username has 1 to 30 characters.", username=username), 400
        if len(password) < 8:
            return render_template("register.html", error="A password has at least 8 characters.", username=username), 400
        if db.session.scalars(select(User).where(User.username == username)).first() is not None:
            return render_template("register.html", error="That username is taken.", username=username), 409
        db.session.add(User(username=username, password_hash=generate_password_hash(password)))
        db.session.commit()
        flash("Account created. You can log in now.")
        return redirect(url_for("login"))


class Login(MethodView):
    def get(self):
        return render_template("login.html", next=request.args.get("next", ""))

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        next_page = request.form.get("next") or request.args.get("next") or ""
        user = db.session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            check_password_hash(self.decoy(), password)
            valid = False
        else:
            valid = check_password_hash(user.password_hash, password)
        if not valid:
            return render_template("login.html", error="Invalid username or password.",
                                   username=username, next=next_page), 401
        login_user(user, remember="remember" in request.form)
        flash(f"Welcome, {user.username}")
        return redirect(next_page if is_safe_next(next_page) else url_for("dashboard"))

    @staticmethod
    def decoy():
        from flask import current_app
        return current_app.extensions["decoy_hash"]


class Dashboard(MethodView):
    decorators = [login_required]

    def get(self):
        return render_template("dashboard.html")


class Logout(MethodView):
    def post(self):
        if current_user.is_authenticated:
            current_user.session_token = new_session_token()
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("home"))


class DeleteAccount(MethodView):
    decorators = [fresh_login_required]

    def get(self):
        return render_template("delete_account.html")

    def post(self):
        user = db.session.get(User, current_user.id)
        db.session.delete(user)
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("home"))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="change-me-in-production",
        SQLALCHEMY_DATABASE_URI="sqlite:///club.db",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        REMEMBER_COOKIE_DURATION=14 * 24 * 3600,  # seconds
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Strict",
    )
    if config:
        app.config.update(config)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    login_manager.init_app(app)
    app.register_blueprint(api)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_hex(16))

    app.add_url_rule("/", "home", lambda: render_template("home.html"))
    app.add_url_rule("/register", view_func=Register.as_view("register"))
    app.add_url_rule("/login", view_func=Login.as_view("login"))
    app.add_url_rule("/dashboard", view_func=Dashboard.as_view("dashboard"))
    app.add_url_rule("/logout", view_func=Logout.as_view("logout"))
    app.add_url_rule("/account/delete", view_func=DeleteAccount.as_view("confirm_delete"))
    return app
