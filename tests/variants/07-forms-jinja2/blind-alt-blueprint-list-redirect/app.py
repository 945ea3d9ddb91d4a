"""Lesson 07 as a blueprint. A valid sign-up redirects to the list, which greets the newcomer."""

import re

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for

bp = Blueprint("newsletter", __name__)

EMAIL_PATTERN = re.compile(r"(?P<local>[^@\s]+)@(?P<domain>[^@\s]+)")


def email_ok(email):
    m = EMAIL_PATTERN.fullmatch(email)
    if not m:
        return False
    parts = m["domain"].split(".")
    return len(parts) > 1 and "" not in parts


def validate(form):
    values = {key: str(form.get(key, "")).strip() for key in ("name", "email")}
    errors = {}
    if len(values["name"]) < 2:
        errors["name"] = "The name is too short: 2 characters at least."
    if not email_ok(values["email"]):
        errors["email"] = "The email address is not valid."
    return values, errors


def store():
    return current_app.extensions["newsletter"]


@bp.get("/")
def form():
    return render_template("index.html", values={}, errors={})


@bp.post("/subscribe")
def subscribe():
    values, errors = validate(request.form)
    if errors:
        return render_template("index.html", values=values, errors=errors), 422
    store().append(values)
    return redirect(url_for("newsletter.everyone", new=len(store())), code=303)


@bp.get("/subscribers")
def everyone():
    people = store()
    newcomer = None
    new = request.args.get("new", type=int)
    if new is not None and 1 <= new <= len(people):
        newcomer = people[new - 1]
    return render_template("subscribers.html", people=people, newcomer=newcomer)


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.extensions["newsletter"] = []
    app.register_blueprint(bp)
    return app
