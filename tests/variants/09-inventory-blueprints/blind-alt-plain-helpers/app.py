"""Inventory API: v1 and v2, each built by its module's make_blueprint()."""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

import api.v1
import api.v2
from api.pagination import BadQuery
from inventory import SAMPLE_ITEMS


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(INVENTORY=SAMPLE_ITEMS)
    if config is not None:
        app.config.from_mapping(config)

    app.register_blueprint(api.v1.make_blueprint(), url_prefix="/v1")
    app.register_blueprint(api.v2.make_blueprint(), url_prefix="/v2")

    app.register_error_handler(BadQuery, bad_query)
    app.register_error_handler(HTTPException, http_error)
    return app


def bad_query(error):
    return jsonify({"error": str(error), "status": 400}), 400


def http_error(error):
    return jsonify({"error": error.description, "status": error.code}), error.code


if __name__ == "__main__":
    create_app().run(debug=True)
