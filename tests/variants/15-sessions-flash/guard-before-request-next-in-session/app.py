"""Lesson 15, another way: a before_request guard protects every page but the login; the
page a visitor wanted is remembered in the session rather than in a ?next= parameter."""

from flask import Flask, flash, redirect, render_template, request, session
from jinja2 import DictLoader
from werkzeug.security import check_password_hash, generate_password_hash

TEMPLATES = {
    "macros.html": """
{% macro flashes() %}{% for m in get_flashed_messages() %}<p role="status">{{ m }}</p>{% endfor %}{% endmacro %}
""",
    "login.html": """{% from "macros.html" import flashes %}<!doctype html>
<title>Login</title>{{ flashes() }}
{% if problem %}<p role="alert">{{ problem }}</p>{% endif %}
<form action="/login" method="post">
  <label>User <input name="username" value="{{ typed }}"></label>
  <label>Password <input type="password" name="password"></label>
  <input type="submit" value="Go">
</form>""",
    "dashboard.html": """{% from "macros.html" import flashes %}<!doctype html>
<title>Dashboard</title>{{ flashes() }}
<p>Signed in: {{ session["user"] }}</p>
<form action="/logout" method="post"><input type="submit" value="Logout"></form>""",
}

PUBLIC = {"login", "static"}


def create_app(config=None):
    app = Flask(__name__)
    app.jinja_loader = DictLoader(TEMPLATES)
    settings = {
        "SECRET_KEY": "change-me",
        "USERS": {"ada": "babbage"},
        "SESSION_COOKIE_SAMESITE": "Strict",
    }
    settings.update(config or {})
    app.config.from_mapping(settings)
    hashes = {u: generate_password_hash(p) for u, p in app.config["USERS"].items()}
    decoy = generate_password_hash("decoy")

    @app.before_request
    def guard():
        if request.endpoint not in PUBLIC and "user" not in session:
            if request.method == "GET":
                session["after_login"] = request.path
            return redirect("/login")

    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "GET":
            return render_template("login.html", typed="")
        user = request.form.get("username", "")
        ok = check_password_hash(hashes.get(user, decoy), request.form.get("password", ""))
        if not ok or user not in hashes:
            return render_template("login.html", typed=user,
                                   problem="Unknown user or wrong password"), 401
        wanted = session.pop("after_login", "/dashboard")
        session["user"] = user
        flash(f"Welcome, {user}")
        return redirect(wanted if wanted.startswith("/") and not wanted.startswith("//")
                        else "/dashboard", 303)

    @app.route("/")
    @app.route("/dashboard")
    def dashboard():
        return render_template("dashboard.html")

    @app.route("/logout", methods=["POST"])
    def logout():
        session.clear()
        flash("You have been logged out")
        return redirect("/login", 303)

    return app


if __name__ == "__main__":
    create_app().run(port=5000)
