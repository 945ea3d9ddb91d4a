"""Lesson 07, another way: a blueprint of class-based views and a small store object."""

from flask import Blueprint, Flask, current_app, render_template, request
from flask.views import MethodView

bp = Blueprint("news", __name__)


class Store:
    """The subscribers of one app, in memory."""

    def __init__(self):
        self.people = []

    def add(self, name, email):
        self.people.append({"name": name, "email": email})
        return len(self.people)


def store():
    return current_app.extensions["newsletter"]


def email_ok(address):
    local, at, domain = address.partition("@")
    if not at or not local or "@" in domain:
        return False
    if any(ch.isspace() for ch in address):
        return False
    parts = domain.split(".")
    return len(parts) >= 2 and all(parts)


def check(form):
    name = (form.get("name") or "").strip()
    email = (form.get("email") or "").strip()
    problems = {}
    if len(name) < 2:
        problems["name"] = "Please give a name of at least two characters."
    if not email_ok(email):
        problems["email"] = "That email address does not look right (try name@example.org)."
    return {"name": name, "email": email}, problems


class SignUp(MethodView):
    def get(self):
        return render_template("signup.html", values={}, errors={})


class Subscribe(MethodView):
    def post(self):
        values, errors = check(request.form)
        if errors:
            return render_template("signup.html", values=values, errors=errors), 422
        number = store().add(values["name"], values["email"])
        return render_template("welcome.html", person=values, number=number)


class People(MethodView):
    def get(self):
        return render_template("people.html", people=store().people)


bp.add_url_rule("/", view_func=SignUp.as_view("signup"))
bp.add_url_rule("/subscribe", view_func=Subscribe.as_view("subscribe"))
bp.add_url_rule("/subscribers", view_func=People.as_view("people"))


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    app.extensions["newsletter"] = Store()
    app.register_blueprint(bp)
    return app
