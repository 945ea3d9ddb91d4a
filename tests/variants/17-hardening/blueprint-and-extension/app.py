import os

from flask import Flask

import views
from hardening import Hardening


def secret_key(app):
    if app.config.get("SECRET_KEY"):
        return app.config["SECRET_KEY"]
    if app.config["ENV_NAME"] != "production":
        return os.environ.get("SECRET_KEY") or os.urandom(32).hex()
    try:
        return os.environ["SECRET_KEY"]
    except KeyError:
        raise RuntimeError("SECRET_KEY missing: production needs it in the environment") from None


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(ENV_NAME=os.environ.get("ENV_NAME", "development"), MAX_CONTENT_LENGTH=10_000, DISPLAY_NAME="Ada")
    app.config.update(config or {})
    app.config["SECRET_KEY"] = secret_key(app)
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = app.config["ENV_NAME"] == "production"
    app.extensions["profile"] = {"display_name": app.config["DISPLAY_NAME"]}
    Hardening(app)
    app.register_blueprint(views.bp)
    return app


if __name__ == "__main__":
    create_app().run()
