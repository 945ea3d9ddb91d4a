"""The members' pages."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, fresh_login_required, login_required, logout_user

from extensions import db
from models import Member

bp = Blueprint("members", __name__)


@bp.get("/")
def home():
    return render_template("members/home.html")


@bp.get("/dashboard")
@login_required
def dashboard():
    return render_template("members/dashboard.html", member=current_user)


@bp.route("/account/delete", methods=["GET", "POST"])
@fresh_login_required
def delete_account():
    if request.method == "GET":
        return render_template("members/delete.html")
    db.session.delete(db.session.get(Member, current_user.id))
    db.session.commit()
    logout_user()
    flash("Your account has been deleted.")
    return redirect(url_for("members.home"), code=303)
