"""Reading list in plain Flask: marshmallow checks, apispec documents."""

from flask import Flask
from werkzeug.exceptions import HTTPException

import api
import document
from store import BookStore

DEFAULTS = {"API_TITLE": "Reading list", "API_VERSION": "v1", "OPENAPI_VERSION": "3.0.3"}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.extensions["books"] = BookStore()
    app.register_blueprint(api.bp)
    app.register_error_handler(HTTPException, api.json_error)
    spec = document.build(app.config["API_TITLE"], app.config["API_VERSION"],
                          app.config["OPENAPI_VERSION"])
    app.add_url_rule("/openapi.json", "openapi", lambda: spec)
    return app
