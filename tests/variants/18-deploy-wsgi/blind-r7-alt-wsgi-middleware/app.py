"""Production:  SECRET_KEY=... waitress-serve --call app:create_app"""

import os

from flask import Flask
from flask.helpers import get_debug_flag

import errors
import logs
import widgets
from config import ENVIRONMENTS


def current_environment():
    value = os.environ.get("APP_ENV")
    if value:
        if value not in ENVIRONMENTS:
            raise RuntimeError(f"APP_ENV must be 'production' or 'development', not {value!r}")
        return value
    return "development" if get_debug_flag() else "production"


def create_app(config=None):
    env = current_environment()
    if env == "production":
        logs.configure()

    app = Flask(__name__)
    app.config.from_object(ENVIRONMENTS[env])
    if env == "production":
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "")
    if config is not None:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY missing: export SECRET_KEY=... before starting the server.")

    errors.init_app(app)
    widgets.init_app(app)
    app.wsgi_app = logs.AccessLog(app.wsgi_app)
    return app


if __name__ == "__main__":
    os.environ.setdefault("APP_ENV", "development")
    create_app().run(debug=True)
