"""Logging in and out, the decorator that guards members' pages, and the rule for ?next=."""

from functools import wraps
from urllib.parse import unquote, urlsplit

from flask import (Blueprint, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask.views import MethodView
from werkzeug.security import check_password_hash

auth = Blueprint("auth", __name__)

MEMBER = "member"  # the session key that holds who is logged in
FAILED = "Invalid username or password."


def login_required(view):
    @wraps(view)
    def guarded(*args, **kwargs):
        if session.get(MEMBER) is None:
            return redirect(url_for("auth.login", next=request.path), code=303)
        return view(*args, **kwargs)
    return guarded


def _local_path(value):
    if any(ch.isspace() or ch == "\\" or not ch.isprintable() for ch in value):
        return False
    if not value.startswith("/") or value.startswith("//"):
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def safe_next(value):
    """True only for a path of this site, as it came and once percent-decoded."""
    return bool(value) and _local_path(value) and _local_path(unquote(value))


class LoginView(MethodView):
    def get(self):
        return render_template("auth/login.html", next=request.args.get("next", ""))

    def post(self):
        name = request.form.get("username", "")
        password = request.form.get("password", "")
        wanted = request.args.get("next") or request.form.get("next") or ""
        hashes = current_app.config["PASSWORD_HASHES"]
        matches = check_password_hash(hashes.get(name, current_app.config["DECOY_HASH"]), password)
        if name not in hashes or not matches:
            flash(FAILED, "error")
            return redirect(url_for("auth.login", next=wanted or None))

        session.clear()
        session[MEMBER] = name
        flash(f"Welcome, {name}", "ok")
        return redirect(wanted if safe_next(wanted) else url_for("members.dashboard"), code=303)


class LogoutView(MethodView):
    def post(self):
        session.clear()
        flash("You have been logged out.", "ok")
        return redirect(url_for("auth.login"), code=303)


auth.add_url_rule("/login", view_func=LoginView.as_view("login"))
auth.add_url_rule("/logout", view_func=LogoutView.as_view("logout"))
