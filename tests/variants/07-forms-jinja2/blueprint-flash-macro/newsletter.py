from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

bp = Blueprint("newsletter", __name__)


def looks_like_email(text):
    local, at, domain = text.partition("@")
    if not at or not local or "@" in domain or any(c.isspace() for c in text):
        return False
    parts = domain.split(".")
    return len(parts) >= 2 and all(parts)


@bp.route("/", methods=["GET"])
def form():
    return render_template("signup.html", data={}, errors={})


@bp.route("/subscribe", methods=["POST"])
def subscribe():
    data = {key: request.form.get(key, "").strip() for key in ("name", "email")}
    errors = {}
    if len(data["name"]) < 2:
        errors["name"] = "Your name needs at least two characters."
    if not looks_like_email(data["email"]):
        errors["email"] = "This email address is not valid."
    if errors:
        return render_template("signup.html", data=data, errors=errors), 422
    current_app.extensions["subscribers"][data["email"].lower()] = data["name"]
    flash(f"Welcome, {data['name']}!")
    return redirect(url_for("newsletter.people"))


@bp.get("/subscribers")
def people():
    return render_template("people.html", people=current_app.extensions["subscribers"])
