"""Register, log in, log out, delete the account: one MethodView each."""

import unicodedata
from urllib.parse import unquote

from flask import (Blueprint, current_app, flash, redirect, render_template, request,
                   url_for)
from flask.views import MethodView
from flask_login import current_user, fresh_login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from models import User, db

bp = Blueprint("auth", __name__)

INVALID = "Invalid username or password."


def local_target(value):
    """value when it is a path of this site (as sent and once decoded), else None."""
    if not value:
        return None
    for candidate in (value, unquote(value)):
        for ch in candidate:
            if ch.isspace() or ch == "\\" or unicodedata.category(ch).startswith("C"):
                return None
        if not candidate.startswith("/") or candidate.startswith("//"):
            return None
    return value


class RegisterView(MethodView):
    def get(self):
        return render_template("register.html", username="")

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        if not 1 <= len(username) <= 30:
            return self.again("A username has 1 to 30 characters.", username, 400)
        if len(password) < 8:
            return self.again("A password has at least 8 characters.", username, 400)
        taken = db.session.scalars(db.select(User.id).where(User.username == username)).first()
        if taken is not None:
            return self.again("Somebody already has that username.", username, 409)
        db.session.add(User(username=username, password_hash=generate_password_hash(password)))
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return self.again("Somebody already has that username.", username, 409)
        flash("Account created. You can log in now.")
        return redirect(url_for("auth.login"))

    @staticmethod
    def again(error, username, status):
        return render_template("register.html", error=error, username=username), status


class LoginView(MethodView):
    def get(self):
        return render_template("login.html", username="", next=request.args.get("next", ""))

    def post(self):
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        target = request.form.get("next") or request.args.get("next") or ""
        user = db.session.scalars(db.select(User).where(User.username == username)).first()
        hashed = user.password_hash if user is not None else current_app.extensions["decoy_hash"]
        matches = check_password_hash(hashed, password)
        if user is None or not matches:
            return render_template("login.html", error=INVALID, username=username,
                                   next=target), 401
        login_user(user, remember="remember" in request.form)
        flash(f"Welcome, {user.username}")
        return redirect(local_target(target) or url_for("pages.dashboard"))


class LogoutView(MethodView):
    def post(self):
        if current_user.is_authenticated:
            current_user.rotate_token()
            db.session.commit()
        logout_user()
        flash("You have been logged out.")
        return redirect(url_for("pages.home"))


class DeleteAccountView(MethodView):
    decorators = [fresh_login_required]

    def get(self):
        return render_template("delete_account.html")

    def post(self):
        member = db.session.get(User, current_user.id)
        db.session.delete(member)
        db.session.commit()
        logout_user()
        flash("Your account has been deleted.")
        return redirect(url_for("pages.home"))


bp.add_url_rule("/register", view_func=RegisterView.as_view("register"))
bp.add_url_rule("/login", view_func=LoginView.as_view("login"))
bp.add_url_rule("/logout", view_func=LogoutView.as_view("logout"))
bp.add_url_rule("/account/delete", view_func=DeleteAccountView.as_view("delete_account"))
