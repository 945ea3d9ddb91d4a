import functools

from flask import (Blueprint, current_app, flash, g, redirect, render_template, request,
                   session, url_for)
from werkzeug.security import check_password_hash, generate_password_hash

bp = Blueprint("auth", __name__)


def init_app(app):
    app.extensions["password_hashes"] = {
        user: generate_password_hash(pw)
        for user, pw in app.config["USERS"].items()
    }


@bp.before_app_request
def load_user():
    g.user = session.get("user")


def members_only(view):
    @functools.wraps(view)
    def guarded(**kwargs):
        if g.user is None:
            return redirect(url_for("auth.login"))
        return view(**kwargs)
    return guarded


@bp.route("/login", methods=("GET", "POST"))
def login():
    if request.method == "POST":
        name = request.form.get("username", "")
        hashes = current_app.extensions["password_hashes"]
        if name in hashes and check_password_hash(hashes[name], request.form.get("password", "")):
            session.clear()
            session.permanent = True
            session["user"] = name
            flash("Welcome, %s!" % name)
            return redirect(url_for("auth.dashboard"))
        flash("Those credentials did not work.", "error")
        return redirect(url_for("auth.login"))
    return render_template("auth/login.html")


@bp.route("/dashboard")
@members_only
def dashboard():
    return render_template("auth/dashboard.html")


@bp.route("/logout", methods=("POST",))
def logout():
    session.pop("user", None)
    flash("You have been logged out!")
    return redirect(url_for("auth.login"))
