"""Lesson 15: log in and out with Flask's signed session cookie, flash messages and
Post/Redirect/Get.

GET  /login       the login form (done: it renders templates/login.html)
POST /login       TODO: check the password; success -> session["user"], flash, redirect (303)
GET  /dashboard   TODO: only for a logged-in user; everyone else is redirected to /login
POST /logout      TODO: forget the user, flash a goodbye, redirect (303)

The templates in templates/ are started for you: base.html needs the flashed messages (see
its TODO); login.html and dashboard.html are ready to use.
"""

from functools import wraps  # noqa: F401  (you will want it for login_required)

from flask import (Flask, abort, current_app, flash, redirect, render_template,  # noqa: F401
                   request, session, url_for)
from werkzeug.security import check_password_hash, generate_password_hash  # noqa: F401

DEFAULTS = {
    # Development only: anyone who knows this key can sign a cookie that says "user": "ada".
    # The checks pass their own SECRET_KEY in config; keep reading it from app.config.
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    # username -> password, hashed when the app starts. A demo user so `flaskcourse serve` has
    # someone to log in as. The checks pass their own USERS in config.
    "USERS": {"ada": "correct horse battery staple"},
    # TODO: two settings for the session cookie. It must stay HttpOnly (Flask's default: say it
    #       out loud with SESSION_COOKIE_HTTPONLY), and it should be SameSite=Lax
    #       (SESSION_COOKIE_SAMESITE; Flask's default is None).
}


def login_required(view):
    """TODO: a decorator that sends anyone without session["user"] to the login page.

    Wrap the view with @wraps(view) so its endpoint name stays the same, and when "user" is not
    in the session return redirect(url_for("login_form")) instead of calling the view.
    """
    return view


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        # Merged last, so the checks' SECRET_KEY and USERS win over the defaults above.
        app.config.from_mapping(config)

    # TODO: username -> password HASH for every entry of app.config["USERS"]
    #       (generate_password_hash). Keep the hashes on the app, never the plaintext.
    app.extensions["users"] = {}

    @app.get("/")
    def index():
        return redirect(url_for("dashboard"))

    @app.get("/login")
    def login_form():
        return render_template("login.html")

    @app.post("/login")
    def login():
        # TODO 1. Read username and password from request.form.
        # TODO 2. Check the password with check_password_hash. An unknown username and a wrong
        #         password get the very same answer: status 401 and the form again with
        #         error="Invalid username or password." (render_template(..., error=...), 401).
        # TODO 3. On success: session["user"] = username, flash(f"Welcome, {username}"), and
        #         return redirect(url_for("dashboard"), code=303), never a page (Post/Redirect/Get).
        #         When request.args (or request.form) carries a next that is a path of this site,
        #         redirect there instead: read "?next=: back where you were going (safely)" for
        #         the rule, which "starts with / but not //" does not meet.
        abort(501, description="POST /login is not written yet: see the TODOs in app.py.")

    @app.get("/dashboard")
    @login_required
    def dashboard():
        # TODO 4. Show who is logged in: render_template("dashboard.html", user=session["user"]).
        #         (@login_required keeps strangers out, once you have written it.)
        abort(501, description="GET /dashboard is not written yet: see the TODOs in app.py.")

    @app.post("/logout")
    def logout():
        # TODO 5. Forget the user (session.clear()), then flash("You have been logged out."),
        #         then redirect to the login page with a 303. In that order: why?
        abort(501, description="POST /logout is not written yet: see the TODOs in app.py.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
