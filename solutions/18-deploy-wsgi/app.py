"""Lesson 18: the widgets API, ready for a production WSGI server.

    GET  /health             200  {"status": "ok"}
    GET  /widgets            200  [{"id": 1, "name": "Sprocket"}, ...]
    POST /widgets            201  the new widget; 422 when the name is missing
    GET  /widgets/<id>       200  the widget; 404 when there is none

Production (what a server gets by default; SECRET_KEY must be in the environment):

    SECRET_KEY=... waitress-serve --listen=127.0.0.1:8080 --call app:create_app
    SECRET_KEY=... gunicorn 'app:create_app()'          # Linux and macOS only

Development:

    python app.py      or      flask --app app run --debug      or      APP_ENV=development ...
"""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import CONFIGS


def environment_name():
    """Which config class to use: the APP_ENV environment variable, if set.

    If it is not set, production, unless Flask's debug flag is on (`flask run --debug` and
    `flaskcourse serve` set FLASK_DEBUG=1): asking for the debugger means you are developing.
    Safe by default: a server started with no settings at all gets the production config,
    so forgetting a variable can never switch the debugger on in front of the internet.
    """
    name = os.environ.get("APP_ENV", "")  # exact: "Production" or "prod" is a typo too
    if not name:
        return "development" if get_debug_flag() else "production"
    if name not in CONFIGS:
        # A typo ("prod") must not quietly fall back to some other environment.
        raise RuntimeError(f"APP_ENV={name!r} is not one of: {', '.join(CONFIGS)}.")
    return name


def create_app(config=None):
    """Build the app. A WSGI server calls this with no arguments:

        waitress-serve --call app:create_app    imports app.py, then calls create_app()

    so every parameter needs a default. `config` (a mapping) is for tests: it is laid on top.
    """
    env = environment_name()
    if env == "production":
        # First thing, before app.logger is used: see logs.configure_logging.
        logs.configure_logging(CONFIGS[env].LOG_LEVEL)

    app = Flask(__name__)
    app.config.from_object(CONFIGS[env])
    app.config["APP_ENV"] = env
    if env == "production":
        # From the environment, never from the code. No fallback value: see below.
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
    if config:
        app.config.from_mapping(config)
    if not app.config.get("SECRET_KEY"):
        # Refuse to start. A missing key found now costs one failed deploy; found later it
        # costs every session cookie, or worse, a key anyone can read on GitHub.
        raise RuntimeError(
            "SECRET_KEY is not set. In production create_app() reads it from the SECRET_KEY "
            "environment variable; make one with "
            "`python -c \"import secrets; print(secrets.token_hex(32))\"`."
        )

    logs.init_app(app)
    errors.register_error_handlers(app)
    widgets.init_app(app)
    app.register_blueprint(widgets.bp)
    return app


if __name__ == "__main__":
    # Development only: Flask's own server, with the reloader and the debugger. In production
    # a WSGI server imports this module and calls create_app() itself; this block never runs.
    os.environ.setdefault("APP_ENV", "development")
    create_app().run(debug=True)
