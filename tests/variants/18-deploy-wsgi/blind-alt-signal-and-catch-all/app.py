"""The widgets API, production by default."""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import CONFIGS


class StartupError(RuntimeError):
    pass


def pick_environment(environ=os.environ):
    value = environ.get("APP_ENV")
    if not value:
        return "development" if get_debug_flag() else "production"
    if value not in CONFIGS:
        raise StartupError(f"APP_ENV must be one of {sorted(CONFIGS)}, got {value!r}")
    return value


def create_app(config=None):
    env = pick_environment()
    if env == "production":
        logs.configure_logging()
    app = Flask(__name__)
    app.config.from_object(CONFIGS[env])
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("SECRET_KEY") if env == "production" else app.config["SECRET_KEY"],
        APP_ENV=env,
    )
    app.config.from_mapping(config or {})
    if not app.config["SECRET_KEY"]:
        raise StartupError("SECRET_KEY environment variable is missing; refusing to start.")
    for setup in (errors.register_error_handlers, logs.init_app, widgets.init_app):
        setup(app)
    app.register_blueprint(widgets.bp)
    return app
