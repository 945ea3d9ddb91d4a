"""Lesson 15 written with plain functions registered by add_url_rule."""

from flask import (Flask, current_app, flash, redirect, render_template, request, session,
                   url_for)
from werkzeug.security import check_password_hash

from helpers import hash_users, local_path_or, login_required

DEFAULTS = dict(
    SECRET_KEY="development key, never used in production",
    USERS={"ada": "correct horse battery staple"},
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)

BAD_LOGIN = "Invalid username or password."


def show_login():
    return render_template("login.html", next=request.args.get("next", ""), username="")


def do_login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    next_value = request.args.get("next") or request.form.get("next", "")
    known, decoy = current_app.extensions["password_hashes"]
    ok = check_password_hash(known.get(username, decoy), password)
    if not (ok and username in known):
        return (render_template("login.html", error=BAD_LOGIN, username=username, next=next_value),
                401)
    session.clear()
    session["username"] = username
    flash("Welcome, " + username)
    return redirect(local_path_or(next_value, url_for("dashboard")))


@login_required
def dashboard():
    return render_template("dashboard.html", name=session["username"])


def logout():
    session.clear()
    flash("You have been logged out.")
    return redirect(url_for("show_login"))


def home():
    return redirect(url_for("dashboard"))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    if config is not None:
        app.config.update(config)
    app.extensions["password_hashes"] = hash_users(app.config["USERS"])

    app.add_url_rule("/", view_func=home)
    app.add_url_rule("/login", view_func=show_login, methods=["GET"])
    app.add_url_rule("/login", view_func=do_login, methods=["POST"])
    app.add_url_rule("/dashboard", view_func=dashboard, methods=["GET"])
    app.add_url_rule("/logout", view_func=logout, methods=["POST"])
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
