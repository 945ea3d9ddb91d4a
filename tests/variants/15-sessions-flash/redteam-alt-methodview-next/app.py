"""Members' area, class-based: one MethodView serves GET and POST /login.

A failed login is answered with a flash and a redirect back to /login (the lesson allows this).
"""

from functools import wraps
from urllib.parse import unquote

from flask import Flask, flash, redirect, render_template, request, session, url_for
from flask.views import MethodView
from werkzeug.security import check_password_hash, generate_password_hash

FAILED = "Invalid username or password."


def same_site(path):
    """Only a plain path of this site."""
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 or ch == "\\" for ch in path):
        return False
    return len(path) > 0 and path[0] == "/" and path[1:2] != "/"


def members_only(view):
    @wraps(view)
    def guard(*args, **kwargs):
        if session.get("user") is None:
            return redirect(url_for("login"))
        return view(*args, **kwargs)
    return guard


class LoginView(MethodView):
    def __init__(self, hashes, decoy):
        self.hashes = hashes
        self.decoy = decoy

    def get(self):
        return render_template("login.html")

    def post(self):
        name = request.form.get("username", "")
        secret = request.form.get("password", "")
        known_hash = self.hashes.get(name)
        ok = check_password_hash(known_hash or self.decoy, secret)
        if known_hash is None or not ok:
            flash(FAILED, "error")
            kept = request.form.get("next") or request.args.get("next")
            return redirect(url_for("login", next=kept), code=303)
        session.clear()
        session["user"] = name
        flash(f"Welcome, {name}")
        wanted = request.form.get("next") or request.args.get("next") or ""
        if not (same_site(wanted) and same_site(unquote(wanted))):
            wanted = url_for("dashboard")
        return redirect(wanted)  # 302: allowed by the lesson


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev-only-secret-key-change-me-before-deploying",
        USERS={"ada": "correct horse battery staple"},
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
    )
    if config:
        app.config.update(config)

    hashes = {user: generate_password_hash(pw) for user, pw in app.config["USERS"].items()}
    decoy = generate_password_hash("decoy-password-for-unknown-users")
    app.add_url_rule("/login", view_func=LoginView.as_view("login", hashes, decoy))

    def dashboard():
        return render_template("dashboard.html", name=session["user"])

    app.add_url_rule("/dashboard", "dashboard", members_only(dashboard), methods=["GET"])

    def logout():
        session.clear()
        flash("You have been logged out.")
        return redirect(url_for("login"), code=303)

    app.add_url_rule("/logout", "logout", logout, methods=["POST"])
    return app
