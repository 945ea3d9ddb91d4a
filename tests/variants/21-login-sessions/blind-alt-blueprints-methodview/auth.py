"""Accounts: register, log in, log out, delete. Class-based views on an "auth" blueprint."""

from urllib.parse import unquote

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.views import MethodView
from flask_login import current_user, fresh_login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db

bp = Blueprint("auth", __name__)

MAX_USERNAME, MIN_PASSWORD = 30, 8
BAD_LOGIN = "Invalid username or password."


def _suspicious(ch):
    return ch.isspace() or ch == "\\" or not ch.isprintable()


def is_safe_next(target):
    if not target:
        return False
    candidates = {target, unquote(target)}
    return all(
        c[:1] == "/" and c[1:2] != "/" and not any(_suspicious(ch) for ch in c)
        for c in candidates
    )


class RegisterView(MethodView):
    def get(self):
        return render_template("register.html")

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        problem = None
        if not 1 <= len(username) <= MAX_USERNAME:
            problem = f"Choose a username of 1 to {MAX_USERNAME} characters."
        elif len(password) < MIN_PASSWORD:
            problem = f"Choose a password of at least {MIN_PASSWORD} characters."
        if problem:
            return render_template("register.html", error=problem, username=username), 400
        db.session.add(User(username=username, password_hash=generate_password_hash(password)))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return render_template("register.html", error="That username is taken.",
                                   username=username), 409
        flash("Account created. You can log in now.")
        return redirect(url_for("auth.login"), 303)


class LoginView(MethodView):
    def _next(self):
        return request.form.get("next") or request.args.get("next") or ""

    def get(self):
        return render_template("login.html", next=request.args.get("next", ""))

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        user = User.by_username(username)
        # Always exactly one hash check, against the decoy when the name is unknown.
        candidate_hash = current_app.extensions["decoy_hash"] if user is None else user.password_hash
        if not check_password_hash(candidate_hash, password) or user is None:
            return render_template("login.html", error=BAD_LOGIN, username=username,
                                   next=self._next()), 401
        login_user(user, remember=request.form.get("remember") is not None)
        flash(f"Welcome, {user.username}")
        target = self._next()
        return redirect(target if is_safe_next(target) else url_for("pages.dashboard"), 303)


class LogoutView(MethodView):
    def post(self):
        if current_user.is_authenticated:
            current_user.rotate_token()
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("pages.home"), 303)


class DeleteAccountView(MethodView):
    decorators = [fresh_login_required]

    def get(self):
        return render_template("delete_account.html")

    def post(self):
        user = current_user._get_current_object()
        db.session.delete(user)
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("pages.home"), 303)


bp.add_url_rule("/register", view_func=RegisterView.as_view("register"))
bp.add_url_rule("/login", view_func=LoginView.as_view("login"))
bp.add_url_rule("/logout", view_func=LogoutView.as_view("logout"))
bp.add_url_rule("/account/delete", view_func=DeleteAccountView.as_view("delete_account"))
