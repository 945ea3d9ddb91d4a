"""Lesson 07, another way: Post/Redirect/Get to the form page, the thanks carried by flash()."""

import re
import secrets

from flask import Flask, flash, redirect, render_template, request, url_for


def problems_in(name, email):
    found = {}
    if len(name) < 2:
        found["name"] = "Your name needs 2 characters or more."
    if re.fullmatch(r"[^@\s]+@(?:[^@\s.]+\.)+[^@\s.]+", email) is None:
        found["email"] = "This email address is not valid."
    return found


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.config.update(config or {})
    subscribers = []
    app.extensions["subscribers"] = subscribers

    @app.route("/", methods=["GET"])
    def index():
        return render_template("index.html", values={}, errors={})

    @app.route("/subscribe", methods=["POST"])
    def subscribe():
        name = request.form.get("name", "").strip()
        email = request.form.get("email", "").strip()
        errors = problems_in(name, email)
        if errors:
            # what was typed, exactly as it came in
            return render_template("index.html", values=request.form, errors=errors), 422
        subscribers.append((name, email))
        flash(f"Thanks, {name}! Your first issue goes to {email}.")
        return redirect(url_for("index"), 303)

    @app.route("/subscribers")
    def subscriber_list():
        return render_template("list.html", subscribers=subscribers)

    return app
