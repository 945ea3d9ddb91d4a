import hmac
import os
import secrets
from datetime import timedelta
from urllib.parse import unquote

from flask import (Blueprint, Flask, current_app, flash, jsonify, redirect, render_template,
                   request, url_for)
from flask_login import (LoginManager, current_user, fresh_login_required, login_required,
                         login_user, logout_user)
from flask_login.utils import login_url
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import Member, db, fresh_token

login_manager = LoginManager()
login_manager.refresh_view = "site.login"
login_manager.session_protection = "basic"

site = Blueprint("site", __name__)
api = Blueprint("api", __name__, url_prefix="/api")


@login_manager.user_loader
def load_member(value):
    member_id, _, token = value.partition(":")
    if not member_id.isdigit() or not token:
        return None
    member = db.session.get(Member, int(member_id))
    if member is None or not hmac.compare_digest(member.token, token):
        return None
    return member


@login_manager.unauthorized_handler
def unauthorized():
    if request.blueprint == "api":
        return jsonify(error="login required"), 401
    flash("Please log in to access this page.")
    return redirect(login_url("site.login", request.url))


def safe_target(value):
    if not value:
        return None
    for candidate in (value, unquote(value)):
        if "\\" in candidate or any(c.isspace() or not c.isprintable() for c in candidate):
            return None
        if candidate[:1] != "/" or candidate[1:2] == "/":
            return None
    return value


@site.route("/")
def home():
    return render_template("home.html")


@site.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html", username="")
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password")
    if not username or len(username) > 30:
        return render_template("register.html", username=username, error="Pick a username of 1 to 30 characters."), 400
    if password is None or len(password) < 8:
        return render_template("register.html", username=username, error="Pick a password of 8 characters or more."), 400
    if db.session.execute(db.select(Member.id).filter_by(username=username)).first():
        return render_template("register.html", username=username, error="Somebody has that username."), 409
    db.session.add(Member(username=username, pw_hash=generate_password_hash(password)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return render_template("register.html", username=username, error="Somebody has that username."), 409
    flash("Account created. You can log in now.")
    return redirect(url_for("site.login"))


@site.route("/login", methods=["GET", "POST"])
def login():
    target = request.values.get("next", "")
    if request.method == "GET":
        return render_template("login.html", username="", target=target)
    username = (request.form.get("username") or "").strip()
    password = request.form.get("password") or ""
    member = db.session.execute(db.select(Member).filter_by(username=username)).scalar_one_or_none()
    ok = check_password_hash(member.pw_hash if member else current_app.extensions["decoy_hash"], password)
    if not (member and ok):
        return render_template("login.html", username=username, target=target,
                               error="Invalid username or password."), 401
    login_user(member, remember=request.form.get("remember") is not None)
    flash(f"Welcome, {member.username}")
    return redirect(safe_target(target) or url_for("site.dashboard"))


@site.route("/dashboard")
@login_required
def dashboard():
    return render_template("dashboard.html")


@site.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        current_user.token = fresh_token()
        db.session.commit()
    logout_user()
    flash("You have been logged out.")
    return redirect(url_for("site.home"))


@site.route("/account/delete", methods=["GET", "POST"])
@fresh_login_required
def delete_account():
    if request.method == "GET":
        return render_template("delete_account.html")
    member = db.session.get(Member, current_user.id)
    db.session.delete(member)
    db.session.commit()
    logout_user()
    flash("Your account has been deleted.")
    return redirect(url_for("site.home"))


@api.route("/me")
@login_required
def me():
    return jsonify(username=current_user.username)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("CLUB_SECRET", "development-key-not-for-production"),
        SQLALCHEMY_DATABASE_URI="sqlite:///club.db",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_DURATION=timedelta(days=14),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    app.config.update(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    login_manager.init_app(app)
    app.register_blueprint(site)
    app.register_blueprint(api)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_urlsafe(12))
    return app
