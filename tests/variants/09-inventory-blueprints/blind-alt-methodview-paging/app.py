"""Inventory API, two versions: each version is a blueprint of class-based views."""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from api import v1, v2
from inventory import SAMPLE_ITEMS

VERSIONS = (("/v1", v1.bp), ("/v2", v2.bp))


def create_app(config=None):
    app = Flask(__name__)
    app.config["INVENTORY"] = SAMPLE_ITEMS
    app.config.update(config or {})
    for prefix, blueprint in VERSIONS:
        app.register_blueprint(blueprint, url_prefix=prefix)

    @app.errorhandler(HTTPException)
    def json_error(error):
        return jsonify(error=error.description, status=error.code), error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
