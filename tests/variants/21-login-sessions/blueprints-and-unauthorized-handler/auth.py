"""Accounts: sign up, log in, log out."""

from urllib.parse import unquote

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db
from models import Member, fresh_token

bp = Blueprint("auth", __name__)

# Made once, at import: checked for unknown names so that every failure costs one hash check.
DECOY = generate_password_hash("nobody-has-this-password")
FAILED = "Invalid username or password."


def local_target(value: str | None) -> str | None:
    """``value`` when it is a path of this site (checked as sent and once decoded), else None."""
    if not value:
        return None
    for candidate in (value, unquote(value)):
        if "\\" in candidate or any(c.isspace() or not c.isprintable() for c in candidate):
            return None
        if candidate[:1] != "/" or candidate[1:2] == "/":
            return None
    return value


def find(name: str) -> Member | None:
    return db.session.scalar(select(Member).where(Member.name == name))


@bp.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("auth/register.html", username="")
    name = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    if not 1 <= len(name) <= 30:
        return render_template("auth/register.html", username=name,
                               problem="Usernames have 1 to 30 characters."), 400
    if len(password) < 8:
        return render_template("auth/register.html", username=name,
                               problem="Passwords have at least 8 characters."), 400
    if find(name) is not None:
        return render_template("auth/register.html", username=name,
                               problem="Somebody already has that username."), 409
    db.session.add(Member(name=name, password_hash=generate_password_hash(password)))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return render_template("auth/register.html", username=name,
                               problem="Somebody already has that username."), 409
    flash("Account created. You can log in now.")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = request.values.get("next", "")
    if request.method == "GET":
        return render_template("auth/login.html", username="", target=target)
    name = request.form.get("username", "").strip()
    member = find(name)
    valid = check_password_hash(member.password_hash if member else DECOY,
                                request.form.get("password", ""))
    if not (member and valid):
        return render_template("auth/login.html", username=name, target=target,
                               problem=FAILED), 401
    login_user(member, remember=request.form.get("remember") is not None)
    flash(f"Welcome, {member.name}")
    return redirect(local_target(target) or url_for("members.dashboard"), code=303)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        member = db.session.get(Member, current_user.id)
        member.token = fresh_token()
        db.session.commit()
    logout_user()
    flash("You have been logged out.")
    return redirect(url_for("members.home"), code=303)
