"""Lesson 21: the Flask Club's members' area, with Flask-Login.

GET  /                 the home page; every page's header shows who is logged in (current_user)
GET  /register         the sign-up form; POST /register creates an account (the password hashed)
GET  /login            the login form: username, password, "remember me", next
POST /login            check the password; login_user(user, remember=...), 303 to next or /dashboard
GET  /dashboard        members only (@login_required); anyone else goes to /login?next=/dashboard
POST /logout           a new session token (every old cookie dies), logout_user(), 303 to /
GET  /account/delete   "are you sure?": only after a fresh login (@fresh_login_required)
POST /account/delete   delete the account, log out, 303 to /
GET  /api/me           {"username": ...}; without a login 401 {"error": "login required"}
"""

import secrets
from datetime import timedelta
from urllib.parse import unquote

from flask import (Blueprint, Flask, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_login import (LoginManager, current_user, fresh_login_required, login_required,
                         login_user, logout_user)
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db, new_session_token

DEFAULTS = {
    # Development only: the checks, and a real deployment, pass their own key in config.
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    # A relative SQLite path: Flask-SQLAlchemy keeps the file in the instance folder.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///club.db",
    # The session cookie: out of JavaScript's reach, and left out of other sites' POSTs.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # The remember cookie is Flask-Login's own, with settings of its own. The browser keeps it
    # for 14 days (Flask-Login's default is a year), and it gets the same two flags; Flask-Login
    # sets HttpOnly by default but no SameSite at all.
    "REMEMBER_COOKIE_DURATION": timedelta(days=14),
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # In production, behind HTTPS, a deployment's config adds SESSION_COOKIE_SECURE = True and
    # REMEMBER_COOKIE_SECURE = True. Not here: the development server speaks plain HTTP.
}

BAD_LOGIN = "Invalid username or password."
MAX_USERNAME = 30
MIN_PASSWORD = 8

login_manager = LoginManager()
# @login_required sends a visitor who is not logged in to this endpoint, with ?next=<the page>,
# and flashes login_manager.login_message ("Please log in to access this page.") on the way.
login_manager.login_view = "login"
# @fresh_login_required sends a remembered (not fresh) login here to type the password again.
login_manager.refresh_view = "login"
# "basic" (Flask-Login's default, written down so nobody switches it off): a session cookie
# that turns up from another browser or address stops being fresh. "strong" would log it out,
# but it also logs out every session the remember cookie restores, on its second request.
login_manager.session_protection = "basic"
# A blueprint listed here with None gets no redirect: Flask-Login answers abort(401), and the
# API's own error handler turns that into JSON. A program wants a status, not a login page.
login_manager.blueprint_login_views["api"] = None

api = Blueprint("api", __name__, url_prefix="/api")


@login_manager.user_loader
def load_user(token):
    """The user whose get_id() is ``token``, or None: an old cookie (after a logout, or of a
    deleted account) then simply means "nobody is logged in", never an error."""
    query = db.select(User).filter_by(session_token=token)
    return db.session.execute(query).scalar_one_or_none()


@api.get("/me")
@login_required
def me():
    return {"username": current_user.username}


@api.errorhandler(401)
def login_required_as_json(error):
    return {"error": "login required"}, 401


def is_safe_next(target):
    """Only a path on this site: "/dashboard?tab=2" yes; "https://evil.example",
    "//evil.example", "/\\evil.example" and "/\t/evil.example" no (lesson 15's rule).

    A browser drops tabs and newlines anywhere in a URL and reads a backslash as a slash, so
    refuse any whitespace, any control character and any backslash, then ask for exactly one
    leading slash; check the value as it came and once percent-decoded.
    """
    if not target:
        return False
    for form in (target, unquote(target)):
        if any(ch in " \\" or not ch.isprintable() for ch in form):
            return False
        if not form.startswith("/") or form.startswith("//"):
            return False
    return True


def registration_error(username, password):
    """Why this username and password cannot make an account, or None when they can."""
    if not username or len(username) > MAX_USERNAME:
        return f"Choose a username of 1 to {MAX_USERNAME} characters."
    if len(password) < MIN_PASSWORD:
        return f"Choose a password of at least {MIN_PASSWORD} characters."
    return None


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    with app.app_context():
        db.create_all()
    # Registers the after_request hook that sets and clears the remember cookie, and puts
    # current_user into every template.
    login_manager.init_app(app)
    app.register_blueprint(api)
    # Checked when the username is unknown, so both failures cost one real hash check.
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_hex(16))

    @app.get("/")
    def home():
        return render_template("home.html")

    @app.get("/register")
    def register():
        return render_template("register.html")

    @app.post("/register")
    def register_submit():
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        error = registration_error(username, password)
        if error:
            return render_template("register.html", error=error, username=username), 400
        db.session.add(User(username=username, password_hash=generate_password_hash(password)))
        try:
            db.session.commit()
        except IntegrityError:
            # The UNIQUE constraint on username: someone has it already (lesson 02).
            db.session.rollback()
            return render_template("register.html", error="That username is taken.",
                                   username=username), 409
        flash("Account created. You can log in now.")
        return redirect(url_for("login"), code=303)

    @app.get("/login")
    def login():
        return render_template("login.html", next=request.args.get("next", ""))

    @app.post("/login")
    def login_submit():
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        next_page = request.form.get("next") or request.args.get("next") or ""
        query = db.select(User).filter_by(username=username)
        user = db.session.execute(query).scalar_one_or_none()
        stored = user.password_hash if user else current_app.extensions["decoy_hash"]
        # Hash first, always, then decide: an unknown name and a wrong password end in the
        # very same answer, after the very same work.
        password_ok = check_password_hash(stored, password)
        if user is None or not password_ok:
            return render_template("login.html", error=BAD_LOGIN, username=username,
                                   next=next_page), 401
        # A ticked checkbox sends remember=on; an unticked one sends nothing at all.
        login_user(user, remember=bool(request.form.get("remember")))
        flash(f"Welcome, {user.username}")
        if not is_safe_next(next_page):
            next_page = url_for("dashboard")
        return redirect(next_page, code=303)

    @app.get("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html")

    @app.post("/logout")
    def logout():
        if current_user.is_authenticated:
            # A new token: the session and remember cookies that carry the old one, in this
            # browser and in any copy of them, now name nobody.
            current_user.session_token = new_session_token()
            db.session.commit()
        # Forgets the user in this session, and tells the browser to delete the remember cookie.
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("home"), code=303)

    @app.get("/account/delete")
    @fresh_login_required
    def confirm_delete():
        return render_template("delete_account.html")

    @app.post("/account/delete")
    @fresh_login_required
    def delete_account():
        # current_user is a proxy: hand the session the User object behind it.
        db.session.delete(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("home"), code=303)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
