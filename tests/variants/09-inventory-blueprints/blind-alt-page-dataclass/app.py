from flask import Flask, jsonify

from api import v1, v2
from inventory import SAMPLE_ITEMS

DEFAULTS = {"INVENTORY": SAMPLE_ITEMS}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping({**DEFAULTS, **dict(config or {})})
    app.register_blueprint(v1.bp, url_prefix="/v1")
    app.register_blueprint(v2.bp, url_prefix="/v2")
    for code in (400, 404, 405):
        app.register_error_handler(code, as_json)
    return app


def as_json(error):
    response = jsonify({"error": error.description, "status": error.code})
    response.status_code = error.code
    return response
