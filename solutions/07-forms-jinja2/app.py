"""Lesson 07: a newsletter sign-up form, validated on the server and rendered with Jinja2.

GET  /                   the empty form
POST /subscribe          validate; 422 + the form again on errors, else save and redirect
GET  /thanks/<number>    the success page for one subscriber (the redirect's target)
GET  /subscribers        everyone who signed up, kept in memory by this app
"""

import re

from flask import Flask, abort, redirect, render_template, request, url_for

NAME_MIN = 2
NAME_MAX = 100

# Something without "@" or spaces, one "@", then a domain of at least two non-empty parts joined
# by dots. Deliberately loose: the only real proof that an address works is a mail that
# arrives. This rule just catches typos such as "ada@", "ada@example" or "ada example.com".
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def validate(form):
    """Return (values, errors): the cleaned values, and one message per field that is wrong.

    The values go back into the form when there are errors, so nobody types twice.
    """
    # .strip() first: "  A  " is a one-letter name, and "   " is no name at all.
    values = {
        "name": form.get("name", "").strip(),
        "email": form.get("email", "").strip(),
    }
    errors = {}
    # Two independent ifs, not if/elif: someone who got both fields wrong hears about both.
    if len(values["name"]) < NAME_MIN:
        errors["name"] = f"Name must be at least {NAME_MIN} characters."
    elif len(values["name"]) > NAME_MAX:
        errors["name"] = f"Name must be at most {NAME_MAX} characters."
    if not EMAIL_RE.fullmatch(values["email"]):
        errors["email"] = "Enter a valid email address, like ada@example.com."
    return values, errors


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.from_mapping(config)

    # The list belongs to this app, not to the module: two apps built by create_app() (two
    # tests, say) never see each other's subscribers. In memory only: a restart forgets
    # everyone, which is fine for learning and wrong for production (use a database).
    app.extensions["subscribers"] = []

    @app.get("/")
    def index():
        # The same template serves the empty form and the form with errors.
        return render_template("index.html", values={}, errors={})

    @app.post("/subscribe")
    def subscribe():
        values, errors = validate(request.form)
        if errors:
            # 422: the request was understood but its content is not acceptable. The browser
            # shows the page all the same, and a program (or a test) can tell it failed.
            return render_template("index.html", values=values, errors=errors), 422

        subscribers = app.extensions["subscribers"]
        subscribers.append(values)
        # Post/Redirect/Get: answer the POST with a redirect, so reloading the success page
        # repeats a harmless GET instead of subscribing the same person again.
        # 303 See Other says "now GET this other URL".
        return redirect(url_for("thanks", number=len(subscribers)), code=303)

    @app.get("/thanks/<int:number>")
    def thanks(number):
        subscribers = app.extensions["subscribers"]
        if not 1 <= number <= len(subscribers):
            abort(404)
        return render_template("thanks.html", subscriber=subscribers[number - 1], number=number)

    @app.get("/subscribers")
    def subscriber_list():
        return render_template("subscribers.html", subscribers=app.extensions["subscribers"])

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
