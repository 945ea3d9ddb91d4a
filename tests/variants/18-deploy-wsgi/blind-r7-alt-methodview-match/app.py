"""Widgets API for a WSGI server:  SECRET_KEY=... waitress-serve --call app:create_app"""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import Development, Production


def pick_config():
    raw = os.environ.get("APP_ENV", "")
    match raw:
        case "":
            return Development if get_debug_flag() else Production
        case "production":
            return Production
        case "development":
            return Development
        case _:
            raise RuntimeError(f"Unknown APP_ENV {raw!r}: use 'production' or 'development'.")


def create_app(config=None):
    settings = pick_config()
    is_production = settings is Production
    if is_production:
        logs.setup(settings.LOG_LEVEL)

    app = Flask(__name__)
    app.config.from_object(settings)
    if is_production:
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or None
    app.config.from_mapping(config or {})
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("Refusing to start: SECRET_KEY is not set in the environment.")

    logs.install_request_log(app)
    errors.register(app)
    widgets.attach(app)
    return app


if __name__ == "__main__":
    os.environ.setdefault("APP_ENV", "development")
    create_app().run(debug=True)
