"""Lesson 07: a newsletter sign-up form, validated on the server and rendered with Jinja2.

GET  /              the empty form (done: it renders templates/index.html)
POST /subscribe     TODO: validate, answer 422 with the form again, or save and show a success page
GET  /subscribers   TODO: list everyone who subscribed

Templates live in templates/ next to this file. base.html is done; index.html needs the error
messages and the typed values (see the TODOs in it); the success page and the list are yours
to write, each as a template that {% extends "base.html" %}.
"""

import re  # noqa: F401  (you will want it for the email rule)

from flask import Flask, abort, redirect, render_template, request, url_for  # noqa: F401


def validate(form):
    """Return (values, errors): the cleaned values, and one message per field that is wrong.

    TODO:
    - read "name" and "email" from the form (form.get(..., "")) and strip the spaces around them
    - a name shorter than 2 characters gets errors["name"] = "Name must be ..."
    - an email that is not something@domain.with-a-dot gets errors["email"] = "Enter a valid email ..."
      ("@" in email is not enough: "ada@" and "ada@example" must be refused)
    - check both fields, so someone who got both wrong hears about both
    """
    values = {"name": "", "email": ""}
    errors = {}
    return values, errors


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.from_mapping(config)

    # Keep the subscribers on the app, not in a module-level list, so every app that
    # create_app() builds starts with its own, empty list.
    app.extensions["subscribers"] = []

    @app.get("/")
    def index():
        return render_template("index.html", values={}, errors={})

    @app.post("/subscribe")
    def subscribe():
        # TODO 1. values, errors = validate(request.form)
        # TODO 2. On errors: render index.html again with values and errors, and status 422.
        # TODO 3. Otherwise append the values to app.extensions["subscribers"] and show a
        #         success page naming the subscriber: render a template (200), or better,
        #         redirect (303) to a GET page that shows it (Post/Redirect/Get).
        abort(501, description="POST /subscribe is not written yet: see the TODOs in app.py.")

    @app.get("/subscribers")
    def subscriber_list():
        # TODO 4. Render a template listing app.extensions["subscribers"] ({% for %} ... {% endfor %}).
        abort(501, description="GET /subscribers is not written yet: see the TODOs in app.py.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
