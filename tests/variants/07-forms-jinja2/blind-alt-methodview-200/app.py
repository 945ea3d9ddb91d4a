"""Lesson 07 written with class-based views; a valid form is answered 200 with the success page."""

from flask import Flask, render_template, request
from flask.views import MethodView


def check_email(address):
    """Something before one @, a domain with at least one dot and no empty part, no spaces."""
    if any(ch.isspace() for ch in address) or address.count("@") != 1:
        return False
    local, domain = address.split("@")
    labels = domain.split(".")
    return bool(local) and len(labels) >= 2 and all(labels)


def validate(form):
    name = (form.get("name") or "").strip()
    email = (form.get("email") or "").strip()
    problems = {}
    if len(name) < 2:
        problems["name"] = "Your name needs at least two characters."
    if not check_email(email):
        problems["email"] = "That email address does not look right (example: grace@example.org)."
    return {"name": name, "email": email}, problems


class SignupForm(MethodView):
    def get(self):
        return render_template("index.html", values={}, errors={})


class Subscribe(MethodView):
    def __init__(self, people):
        self.people = people

    def post(self):
        values, errors = validate(request.form)
        if errors:
            return render_template("index.html", values=values, errors=errors), 422
        self.people.append(values)
        return render_template("welcome.html", person=values, count=len(self.people))


class Everyone(MethodView):
    def __init__(self, people):
        self.people = people

    def get(self):
        return render_template("everyone.html", people=self.people)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    people = app.extensions.setdefault("subscribers", [])
    app.add_url_rule("/", view_func=SignupForm.as_view("index"))
    app.add_url_rule("/subscribe", view_func=Subscribe.as_view("subscribe", people))
    app.add_url_rule("/subscribers", view_func=Everyone.as_view("subscriber_list", people))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
