"""Widgets API. Production: SECRET_KEY=... waitress-serve --call app:create_app"""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import CONFIGS


def _env():
    if "APP_ENV" in os.environ and os.environ["APP_ENV"] != "":
        env = os.environ["APP_ENV"]
        if env not in CONFIGS:
            raise RuntimeError(f"APP_ENV={env} is not a known environment")
        return env
    return "development" if get_debug_flag() else "production"


def create_app(config=None):
    env = _env()
    cfg = CONFIGS[env]
    if env == "production":
        logs.configure_logging(cfg.LOG_LEVEL)
    app = Flask(__name__)
    app.config.from_object(cfg)
    if config is not None:
        app.config.update(config)
    cfg.init_app(app)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Missing SECRET_KEY: export it in the server's environment.")
    errors.register_error_handlers(app)
    logs.init_app(app)
    widgets.init_app(app)
    app.register_blueprint(widgets.bp)
    return app
