"""The reading list as a package: configuration and wiring here, the rest in modules."""

from flask import Flask
from flask_smorest import Api

from library.resources import blp
from library.storage import Catalogue


class Settings:
    API_TITLE = "Reading list"
    API_VERSION = "2024.1"
    OPENAPI_VERSION = "3.0.2"
    OPENAPI_URL_PREFIX = ""
    OPENAPI_JSON_PATH = "/openapi.json"


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(Settings)
    app.config.from_mapping(config or {})
    app.extensions["catalogue"] = Catalogue()
    api = Api(app)
    api.register_blueprint(blp, url_prefix="/api")
    return app
