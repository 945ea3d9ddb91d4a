"""Reading list: flask-smorest with plain view functions."""

from flask import Flask
from flask_smorest import Api

from store import BookStore
from views import blp

DEFAULTS = dict(
    API_TITLE="Reading list",
    API_VERSION="1.0",
    OPENAPI_VERSION="3.1.0",
    OPENAPI_URL_PREFIX="/",
    OPENAPI_JSON_PATH="openapi.json",
)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update({**DEFAULTS, **(config or {})})
    app.extensions["reading_list"] = BookStore()
    Api(app).register_blueprint(blp)
    return app
