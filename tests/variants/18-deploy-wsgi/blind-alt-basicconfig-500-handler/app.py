"""Widgets API for a WSGI server: waitress-serve --call app:create_app"""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import CONFIGS


def create_app(config=None):
    requested = os.environ.get("APP_ENV")
    if requested is None or requested == "":
        env = "development" if get_debug_flag() else "production"
    elif requested in CONFIGS:
        env = requested
    else:
        raise RuntimeError("Unknown APP_ENV %r (use development or production)" % requested)

    settings = CONFIGS[env]
    if env == "production":
        logs.configure_logging(settings.LOG_LEVEL)

    app = Flask(__name__)
    app.config.from_object(settings)
    if env == "production":
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or None
    app.config.update(config or {})
    if app.config.get("SECRET_KEY") in (None, ""):
        raise RuntimeError("Set the SECRET_KEY environment variable before starting the app.")

    errors.register_error_handlers(app)
    logs.init_app(app)
    widgets.init_app(app)
    app.register_blueprint(widgets.bp)
    return app
