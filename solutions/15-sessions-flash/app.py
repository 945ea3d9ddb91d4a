"""Lesson 15: log in and out with Flask's signed session cookie, flash messages and
Post/Redirect/Get.

GET  /login       the login form
POST /login       check the password; success -> session["user"], a flash, 303 to /dashboard
                  failure -> 401 and the form again, with one message for every kind of failure
GET  /dashboard   only for a logged-in user; everyone else is sent to /login
POST /logout      forget the user (session.clear()), flash a goodbye, 303 to /login
"""

from functools import wraps
from urllib.parse import unquote

from flask import (Flask, current_app, flash, redirect, render_template, request, session,
                   url_for)
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULTS = {
    # Development only: anyone who knows this key can sign a cookie that says "user": "ada".
    # A real deployment reads its key from the environment (lesson 17).
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    # username -> password, hashed when the app starts. A demo user so `flaskcourse serve` has
    # someone to log in as; in a real app the users live in a database, already hashed.
    "USERS": {"ada": "correct horse battery staple"},
    # JavaScript on the page cannot read the session cookie, so an XSS bug cannot steal it.
    # (Flask's default is already True: we say it out loud so nobody turns it off by accident.)
    "SESSION_COOKIE_HTTPONLY": True,
    # The browser leaves the cookie out of cross-site POSTs (a form on another site posting to
    # ours), yet still sends it when the user follows a link to us. Flask's default sends it
    # everywhere.
    "SESSION_COOKIE_SAMESITE": "Lax",
    # In production, behind HTTPS, also set SESSION_COOKIE_SECURE = True. Not here: the
    # development server speaks plain http://127.0.0.1:5000.
}

BAD_LOGIN = "Invalid username or password."


def login_required(view):
    """Send anyone without session["user"] to the login page, remembering where they wanted to go."""
    @wraps(view)  # keeps the view's name, so its endpoint (and url_for) stays "dashboard"
    def wrapped(*args, **kwargs):
        if "user" not in session:
            return redirect(url_for("login_form", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def is_safe_next(target):
    """Only a path on this site: "/dashboard?tab=2" yes; "https://evil.example",
    "//evil.example", "/\\evil.example" and "/\t/evil.example" no.

    A browser drops tabs and newlines anywhere in a URL and reads a backslash as a slash, so
    "/\t/evil.example" becomes "//evil.example": another host. So refuse any whitespace, any
    control character and any backslash, then ask for exactly one leading slash. Check the value
    as it came and once percent-decoded ("/%2Fevil.example"), in case something on the way
    decodes it again. What is left has no scheme and no host: a path on this site.
    """
    if not target:
        return False
    for form in (target, unquote(target)):
        if any(ch in " \\" or not ch.isprintable() for ch in form):
            return False
        if not form.startswith("/") or form.startswith("//"):
            return False
    return True


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # Hash once, at startup, and keep only the hashes, on this app (not in a module global).
    app.extensions["users"] = {
        name: generate_password_hash(password) for name, password in app.config["USERS"].items()
    }
    # Checked when the username is unknown, so both failures take as long (a real hash check).
    app.extensions["decoy_hash"] = generate_password_hash("not-anybody's-password")

    @app.get("/")
    def index():
        return redirect(url_for("dashboard"))

    @app.get("/login")
    def login_form():
        return render_template("login.html", next=request.args.get("next", ""))

    @app.post("/login")
    def login():
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        users = current_app.extensions["users"]
        stored = users.get(username, current_app.extensions["decoy_hash"])
        # Evaluate the hash first, always, then decide: an unknown name and a wrong password
        # end in the very same answer, so nobody can probe which usernames exist.
        password_ok = check_password_hash(stored, password)
        if username not in users or not password_ok:
            # 401 and the form again (keeping the username, never the password). No redirect:
            # nothing changed on the server, so there is nothing to protect from a re-POST.
            return render_template("login.html", error=BAD_LOGIN, username=username,
                                   next=request.form.get("next", "")), 401

        # A fresh session for a fresh login: nothing from before (an old user, old flashes)
        # survives into the new one.
        session.clear()
        session["user"] = username
        flash(f"Welcome, {username}", "success")
        target = request.form.get("next") or request.args.get("next")
        if not is_safe_next(target):
            target = url_for("dashboard")
        # 303 See Other: "the POST worked; now GET this". Reloading the next page is a harmless
        # GET, not a second login, and the browser's history holds no POST to resubmit.
        return redirect(target, code=303)

    @app.get("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html", user=session["user"])

    @app.post("/logout")
    def logout():
        # Clear first, then flash: flash() stores its message in the session, so a flash
        # before clear() would be wiped out with everything else.
        session.clear()
        flash("You have been logged out.", "info")
        return redirect(url_for("login_form"), code=303)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
