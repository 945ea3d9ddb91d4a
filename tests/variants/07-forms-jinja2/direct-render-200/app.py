import re

from flask import Flask, current_app, render_template, request

EMAIL = re.compile(r"^[A-Z0-9._%+'-]+@[A-Z0-9-]+(\.[A-Z0-9-]+)+$", re.IGNORECASE)


class Subscribers:
    def __init__(self):
        self.people = []

    def add(self, name, email):
        self.people.append((name, email))
        return len(self.people)


def store():
    return current_app.extensions["newsletter"]


def home():
    return render_template("form.html", form={}, problems={})


def subscribe():
    name = request.form.get("name", "").strip()
    email = request.form.get("email", "").strip()
    problems = {}
    if len(name) < 2:
        problems["name"] = "Please give a name of 2 characters or more."
    if not EMAIL.match(email):
        problems["email"] = "That e-mail address looks incomplete."
    if problems:
        return render_template("form.html", form={"name": name, "email": email},
                               problems=problems), 422
    count = store().add(name, email)
    return render_template("done.html", name=name, count=count)


def listing():
    return render_template("list.html", people=store().people)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    app.extensions["newsletter"] = Subscribers()
    app.add_url_rule("/", view_func=home)
    app.route("/subscribe", methods=["POST"])(subscribe)
    app.route("/subscribers", methods=["GET"])(listing)
    return app


if __name__ == "__main__":
    create_app().run()
