"""Lesson 07: dataclass subscribers, a field macro in the template, PRG with a plain 302."""

import re
from dataclasses import dataclass

from flask import Flask, abort, redirect, render_template, request, url_for

LOCAL = r"[^\s@]+"
LABEL = r"[^\s@.]+"
EMAIL = re.compile(rf"^{LOCAL}@{LABEL}(?:\.{LABEL})+$")


@dataclass
class Subscriber:
    name: str
    email: str


def clean(form):
    data = {field: form.get(field, default="").strip() for field in ("name", "email")}
    errors = {}
    if len(data["name"]) < 2:
        errors["name"] = "Please give a name of 2 characters or more."
    if EMAIL.match(data["email"]) is None or "\n" in data["email"]:
        errors["email"] = "Please give a valid email, e.g. ada@example.com."
    return data, errors


def create_app(config=None):
    app = Flask(__name__)
    for key, value in (config or {}).items():
        app.config[key] = value
    app.extensions["subscribers"] = []

    def roster():
        return app.extensions["subscribers"]

    @app.route("/", methods=["GET"])
    def index():
        return render_template("index.html", values={}, errors={})

    @app.route("/subscribe", methods=["POST"])
    def subscribe():
        data, errors = clean(request.form)
        if errors:
            return render_template("index.html", values=data, errors=errors), 422
        roster().append(Subscriber(**data))
        return redirect(url_for("welcome", index=len(roster()) - 1))

    @app.route("/welcome/<int:index>", methods=["GET"])
    def welcome(index):
        if index >= len(roster()):
            abort(404)
        return render_template("thanks.html", who=roster()[index])

    @app.route("/subscribers", methods=["GET"])
    def subscriber_list():
        return render_template("subscribers.html", subscribers=roster())

    return app
