"""Inventory API: /v1 and /v2 blueprints."""

from flask import Flask
from werkzeug.exceptions import HTTPException

from api import v1, v2
from api.pagination import BadQueryParam
from inventory import SAMPLE_ITEMS

VERSIONS = ((v1.bp, "/v1"), (v2.bp, "/v2"))


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(INVENTORY=SAMPLE_ITEMS)
    if config is not None:
        app.config.from_mapping(config)

    for blueprint, prefix in VERSIONS:
        app.register_blueprint(blueprint, url_prefix=prefix)

    app.register_error_handler(BadQueryParam, bad_param)
    app.register_error_handler(HTTPException, http_error)
    return app


def bad_param(exc):
    return {"error": str(exc), "status": 400, "parameter": exc.name}, 400


def http_error(exc):
    return {"error": exc.description, "status": exc.code}, exc.code
