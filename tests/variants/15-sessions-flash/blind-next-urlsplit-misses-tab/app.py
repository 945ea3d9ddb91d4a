"""Members' area with one /login view for GET and POST, g.user, and a careful ?next=."""

import functools
import secrets
from urllib.parse import urlsplit

from flask import (Flask, flash, g, redirect, render_template, request, session, url_for,
                   current_app)
from werkzeug.security import check_password_hash, generate_password_hash

DEFAULT_CONFIG = dict(
    SECRET_KEY="dev-only-secret-key-change-me-before-deploying",
    USERS={"ada": "correct horse battery staple"},
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


def requires_login(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        if g.user is None:
            return redirect(url_for("login", next=request.full_path.rstrip("?")))
        return fn(*args, **kwargs)
    return inner


def local_path(target):
    """A same-site path, or None."""
    if not target:
        return None
    cleaned = target.replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme or parts.netloc or not cleaned.startswith("/") or cleaned.startswith("//"):
        return None
    return target


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULT_CONFIG)
    app.config.from_mapping(config or {})
    app.extensions["password_hashes"] = {}
    for name, plain in app.config["USERS"].items():
        app.extensions["password_hashes"][name] = generate_password_hash(plain)
    app.extensions["nobody_hash"] = generate_password_hash(secrets.token_hex(16))

    @app.before_request
    def load_user():
        g.user = session.get("username")

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return render_template("login.html", next=request.args.get("next", ""))

        username = request.form.get("username", "")
        password = request.form.get("password", "")
        hashes = current_app.extensions["password_hashes"]
        candidate = hashes.get(username, current_app.extensions["nobody_hash"])
        if not check_password_hash(candidate, password) or username not in hashes:
            page = render_template("login.html", problem="Invalid username or password.",
                                   typed=username, next=request.form.get("next", ""))
            return page, 401

        session.clear()
        session["username"] = username
        flash("Welcome, " + username, "ok")
        wanted = local_path(request.form.get("next")) or local_path(request.args.get("next"))
        return redirect(wanted or url_for("dashboard"), code=303)

    @app.route("/dashboard")
    @requires_login
    def dashboard():
        return render_template("dashboard.html")

    @app.route("/logout", methods=["POST"])
    def logout():
        session.clear()
        flash("You have been logged out.", "info")
        return redirect(url_for("login"), 303)

    return app
