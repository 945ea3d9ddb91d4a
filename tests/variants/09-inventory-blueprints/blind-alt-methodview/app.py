"""Inventory API, assembled from two versioned blueprints."""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from api import v1, v2
from inventory import SAMPLE_ITEMS


def create_app(config=None):
    app = Flask(__name__)
    app.config["INVENTORY"] = SAMPLE_ITEMS
    app.config.update(config or {})

    app.register_blueprint(v1.bp, url_prefix="/v1")
    app.register_blueprint(v2.bp, url_prefix="/v2")

    @app.errorhandler(HTTPException)
    def json_error(exc):
        return jsonify(error=exc.description, status=exc.code), exc.code

    return app


if __name__ == "__main__":
    create_app().run()
