"""Lesson 21: the Flask Club's members' area, with Flask-Login.

GET  /                 the home page (done); every page's header shows who is logged in (TODO)
GET  /register         the sign-up form; POST /register creates an account (done)
GET  /login            the login form: username, password, "remember me", next (done)
POST /login            TODO: check the password; login_user(user, remember=...), 303
GET  /dashboard        TODO: members only (@login_required)
POST /logout           TODO: a new session token, logout_user(), 303 to /
GET  /account/delete   TODO: "are you sure?", only after a fresh login (@fresh_login_required)
POST /account/delete   TODO: delete the account, log out, 303 to /
GET  /api/me           TODO: {"username": ...}; without a login 401 {"error": "login required"}

The templates in templates/ are ready, apart from the header in base.html (see its TODO).
"""

import secrets
from datetime import timedelta  # noqa: F401  (you will want it for REMEMBER_COOKIE_DURATION)
from urllib.parse import unquote

from flask import (Blueprint, Flask, abort, current_app, flash, redirect,  # noqa: F401
                   render_template, request, url_for)
from flask_login import (LoginManager, current_user, fresh_login_required,  # noqa: F401
                         login_required, login_user, logout_user)
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash  # noqa: F401

from models import User, db, new_session_token  # noqa: F401

DEFAULTS = {
    # Development only: the checks, and a real deployment, pass their own key in config.
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    # A relative SQLite path: Flask-SQLAlchemy keeps the file in the instance folder.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///club.db",
    # The session cookie: out of JavaScript's reach, and left out of other sites' POSTs.
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # TODO: the remember cookie is Flask-Login's own, with settings of its own:
    #       REMEMBER_COOKIE_DURATION (14 days; Flask-Login's default is a year),
    #       REMEMBER_COOKIE_HTTPONLY and REMEMBER_COOKIE_SAMESITE (the same two flags).
}

BAD_LOGIN = "Invalid username or password."
MAX_USERNAME = 30
MIN_PASSWORD = 8

login_manager = LoginManager()
# TODO: tell login_manager where the login page is (login_view, and refresh_view for
#       @fresh_login_required), and write session_protection down: "basic".

api = Blueprint("api", __name__, url_prefix="/api")
# TODO: the API answers 401 with {"error": "login required"}, never a redirect: list the "api"
#       blueprint in login_manager.blueprint_login_views with None, and give the blueprint an
#       error handler for 401 (@api.errorhandler(401)).


@login_manager.user_loader
def load_user(token):
    """TODO: return the User whose get_id() is ``token``, or None when there is none.

    Flask-Login calls this on every request that carries a session or a remember cookie. None
    means "nobody is logged in"; an exception here would be a 500 on every page.
    """
    return None


@api.get("/me")
def me():
    # TODO: only for a logged-in user: {"username": current_user.username}
    abort(501, description="GET /api/me is not written yet: see the TODOs in app.py.")


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
        # Merged last: the checks' SECRET_KEY and database win over the defaults above.
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
        # TODO 1. Read username (stripped), password and next (from the form, else the query).
        # TODO 2. Look the user up by username; check the password with check_password_hash,
        #         against current_app.extensions["decoy_hash"] when there is no such user.
        #         Both failures: render_template("login.html", error=BAD_LOGIN,
        #         username=username, next=next_page), 401.
        # TODO 3. login_user(user, remember=...): remember only when the "remember" checkbox
        #         was ticked. Then flash(f"Welcome, {user.username}") and redirect with a 303
        #         to next when is_safe_next(next), else to the dashboard.
        abort(501, description="POST /login is not written yet: see the TODOs in app.py.")

    @app.get("/dashboard")
    def dashboard():
        # TODO 4. Members only: @login_required (under @app.get). Then render dashboard.html.
        abort(501, description="GET /dashboard is not written yet: see the TODOs in app.py.")

    @app.post("/logout")
    def logout():
        # TODO 5. When someone is logged in, give them a new session token (new_session_token())
        #         and commit; then logout_user(), flash("You have been logged out.") and a 303
        #         redirect to the home page.
        abort(501, description="POST /logout is not written yet: see the TODOs in app.py.")

    @app.get("/account/delete")
    def confirm_delete():
        # TODO 6. Only after a fresh login (@fresh_login_required): delete_account.html.
        abort(501, description="GET /account/delete is not written yet: see the TODOs.")

    @app.post("/account/delete")
    def delete_account():
        # TODO 7. The same decorator; delete current_user._get_current_object(), commit,
        #         logout_user(), flash("Your account has been deleted.") and a 303 to /.
        abort(501, description="POST /account/delete is not written yet: see the TODOs.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
